using BetterHarness.Mining.Domain.Cases;
using BetterHarness.Mining.Storage;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.Mining.Api;

/// <summary>
/// Export / import in the public case schema, one JSON object per line (<c>application/x-ndjson</c>).
/// Import upserts by candidate id and reports every bad line with its number instead of failing the batch.
/// </summary>
public static class CandidateTransfer
{
    public static async Task Export(HttpContext context, CandidateQueries queries)
    {
        context.Response.ContentType = "application/x-ndjson";
        var status = context.Request.Query["status"].ToString() is { Length: > 0 } s ? s : null;
        foreach (var evalCase in queries.All(status))
            await context.Response.WriteAsync(CaseJson.Serialize(evalCase) + "\n", context.RequestAborted);
    }

    public static async Task<IResult> Import(HttpContext context, CandidateImport import)
    {
        using var reader = new StreamReader(context.Request.Body);
        var imported = 0;
        var errors = new List<object>();
        var number = 0;
        while (await reader.ReadLineAsync(context.RequestAborted) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try { import.Upsert(CaseJson.Deserialize(line)); imported++; }
            catch (FormatException ex) { errors.Add(new { line = number, error = ex.Message }); }
        }
        return Results.Json(new { imported, errors });
    }
}
