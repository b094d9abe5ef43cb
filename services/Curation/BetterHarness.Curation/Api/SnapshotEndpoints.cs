using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Domain.Import;
using BetterHarness.Curation.Evals;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BetterHarness.Curation.Api;

/// <summary>
/// <c>GET /api/evals/snapshots</c>, <c>GET /api/evals/snapshots/{id}</c>, <c>GET /api/evals/snapshots/{id}/export</c>,
/// <c>GET /api/evals/export</c> (the active set now) and <c>POST /api/evals/import</c>, all JSON lines in the public
/// case schema plus the curation fields.
/// </summary>
public static class SnapshotEndpoints
{
    public const string JsonLines = "application/x-ndjson";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/snapshots", List).RequireRole(Role.Viewer);
        group.MapGet("/snapshots/{id}", Get).RequireRole(Role.Viewer);
        group.MapGet("/snapshots/{id}/export", Export).RequireRole(Role.Viewer);
        group.MapGet("/export", ExportActive).RequireRole(Role.Viewer);
        group.MapPost("/import", Import).Writes(Role.Curator, "import").AcceptsBulkBody();
    }

    private static IResult List(HttpRequest request, SnapshotQueries snapshots) =>
        Results.Json(new { snapshots = snapshots.List(ApiErrors.Query(request, "agent"), ApiErrors.Limit(request, 100, 10_000)) });

    private static IResult Get(string id, SnapshotQueries snapshots) => snapshots.Get(id) is { } info
        ? Results.Json(new { info.Id, info.Agent, info.Seq, info.Action, info.Actor, info.CaseCount, info.CreatedAt,
            cases = snapshots.Members(id).Select(m => new { caseId = m.CaseId, revision = m.Revision }) })
        : Results.NotFound(new { error = $"snapshot {id} is unknown" });

    private static async Task Export(string id, HttpContext context, SnapshotQueries snapshots)
    {
        if (snapshots.Get(id) is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new { error = $"snapshot {id} is unknown" });
            return;
        }
        await WriteLines(context, snapshots.Documents(id));
    }

    private static Task ExportActive(HttpContext context, EvalQueries queries) =>
        WriteLines(context, queries.ActiveDocuments(ApiErrors.Query(context.Request, "agent")));

    private static async Task WriteLines(HttpContext context, IEnumerable<string> documents)
    {
        context.Response.ContentType = JsonLines;
        foreach (var doc in documents) await context.Response.WriteAsync(doc + "\n", context.RequestAborted);
    }

    /// <summary>Validates every line first: one bad line (reported with its number) and nothing is imported.</summary>
    private static async Task<IResult> Import(HttpContext context, CaseImporter importer)
    {
        var agent = ApiErrors.Query(context.Request, "agent");
        var cases = new List<ImportedCase>();
        var errors = new List<object>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = new StreamReader(context.Request.Body);
        var number = 0;
        while (await reader.ReadLineAsync(context.RequestAborted) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                var parsed = CaseLine.Parse(line, agent);
                if (seen.TryGetValue(parsed.Id, out var first)) throw new CaseFormatException($"case {parsed.Id} is already on line {first}");
                seen[parsed.Id] = number;
                cases.Add(parsed);
            }
            catch (CaseFormatException ex) { errors.Add(new { line = number, error = ex.Message }); }
        }
        if (errors.Count > 0)
            return Results.BadRequest(new { error = $"{errors.Count} bad line(s); nothing was imported", imported = 0, errors });
        if (cases.Count == 0) throw new CaseFormatException("the body has no cases: send JSON lines in the eval case schema");
        var result = importer.Import(context.RequiredActor(), cases);
        return Results.Json(new
        {
            imported = result.Created + result.Updated, created = result.Created, updated = result.Updated, unchanged = result.Unchanged,
            snapshotId = result.Snapshots.Values.FirstOrDefault()?.Id,
            snapshots = result.Snapshots.Values.Select(s => new { agent = s.Agent, snapshotId = s.Id, caseCount = s.CaseCount }),
            errors = Array.Empty<object>(),
        });
    }
}
