using BetterHarness.Mining.Domain.Cases;
using BetterHarness.Mining.Storage;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http;
using BetterHarness.EvalCases.Cases;

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
            await context.Response.WriteAsync(EvalCaseJson.Serialize(evalCase) + "\n", context.RequestAborted);
    }

    /// <summary>Most lines one import reads (the body's size is bounded too: <c>AcceptsBulkBody</c>).</summary>
    public const int MaxLines = 10_000;

    /// <summary>Errors listed in the answer; the rest are counted.</summary>
    private const int MaxErrorsListed = 100;

    public static async Task<IResult> Import(HttpContext context, CandidateImport import)
    {
        var actor = context.RequiredActor();
        using var reader = new StreamReader(context.Request.Body);
        var imported = 0;
        var failed = 0;
        var errors = new List<object>();
        var number = 0;
        // Read line by line, storing each as it comes: memory stays one line deep whatever the body's size.
        while (await reader.ReadLineAsync(context.RequestAborted) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (number > MaxLines)
                return Results.Json(new { error = $"an import holds at most {MaxLines:N0} lines; {imported} were imported before line {number}", imported },
                    statusCode: StatusCodes.Status413PayloadTooLarge);
            try { import.Upsert(EvalCaseJson.Deserialize(line), actor); imported++; }
            catch (FormatException ex)
            {
                failed++;
                if (errors.Count < MaxErrorsListed) errors.Add(new { line = number, error = ex.Message });
            }
        }
        if (imported == 0) AuditScope.NothingChanged();
        return Results.Json(new { imported, failed, errors });
    }
}
