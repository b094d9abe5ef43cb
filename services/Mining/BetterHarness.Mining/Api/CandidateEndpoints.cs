using BetterHarness.Mining.Domain.Cases;
using BetterHarness.Mining.Storage;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Mining.Api;

/// <summary>
/// <c>GET /api/candidates?tag=T&amp;cluster=C&amp;status=S&amp;trace=TRACEID&amp;limit=N</c> and <c>GET /api/candidates/{id}</c>
/// (the case in the public schema).
/// </summary>
public static class CandidateEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/candidates", List);
        app.MapGet("/api/candidates/{id}", Get);
        app.MapGet("/api/candidates/export", CandidateTransfer.Export);
        app.MapPost("/api/candidates/import", CandidateTransfer.Import).Writes(Role.Curator, "candidate.import").AcceptsBulkBody();
    }

    private static IResult List(HttpContext context, CandidateQueries queries)
    {
        var q = context.Request.Query;
        var limit = 100;
        if (q["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, out limit) || limit is < 1 or > 10_000))
            return Results.BadRequest(new { error = "limit must be 1..10000" });
        string? Value(string key) => q[key].ToString() is { Length: > 0 } v ? v : null;
        var status = Value("status");
        if (status is not null and not (CaseStatus.Proposed or CaseStatus.Accepted or CaseStatus.Rejected))
            return Results.BadRequest(new { error = "status must be proposed, accepted or rejected" });
        var candidates = queries.List(Value("tag"), Value("cluster"), status, limit, Value("trace")?.ToLowerInvariant());
        return Results.Json(new { candidates, count = candidates.Count }, EvalCaseJson.Options);
    }

    private static IResult Get(string id, CandidateQueries queries) => queries.Get(id) is { } evalCase
        ? Results.Text(EvalCaseJson.Serialize(evalCase), "application/json")
        : Results.NotFound(new { error = $"candidate {id} is unknown" });
}
