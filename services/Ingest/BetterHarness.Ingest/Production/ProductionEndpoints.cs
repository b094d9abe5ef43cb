using System.Globalization;
using BetterHarness.Ingest.Domain.Production;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BetterHarness.Ingest.Production;

/// <summary>
/// Harness versions measured on production traffic (ingest owns the traces, their signals and their attribution):
/// <c>GET /api/harnesses/{agent}/production?since=&amp;until=</c> (per-version figures with Wilson 95 % intervals),
/// <c>GET /api/harnesses/{agent}/production/compare?a=&amp;b=&amp;since=&amp;until=</c> (failure rate of b − a with Newcombe's
/// interval and a two-proportion z-test; the clusters whose share moved most) and
/// <c>GET /api/traces/clusters/{clusterId}/versions</c> (a cluster's members per harness version). In distributed mode the
/// gateway routes the first two to ingest although the rest of <c>/api/harnesses</c> is the optimizer's.
/// </summary>
public static class ProductionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/harnesses/{agent}/production", Figures).RequireRole(Role.Viewer);
        app.MapGet("/api/harnesses/{agent}/production/compare", Compare).RequireRole(Role.Viewer);
        app.MapGet("/api/traces/clusters/{clusterId}/versions", ClusterVersions).RequireRole(Role.Viewer);
    }

    private static IResult Figures(string agent, HttpContext context, ProductionQueries queries)
    {
        if (!TryWindow(context, out var since, out var until, out var error)) return Results.BadRequest(new { error });
        var traces = queries.Traces(agent, since, until);
        var versions = traces.Where(t => t.Version is not null).GroupBy(t => t.Version!.Value).OrderBy(g => g.Key)
            .Select(g => ProductionViews.Version(VersionFigures.Of(g.Key, g.ToList()))).ToList();
        var unknown = traces.Where(t => t.Version is null).ToList();
        return Results.Json(new
        {
            agent, since = Iso(since), until = Iso(until), versions, unknown = unknown.Count,
            unknownFigures = ProductionViews.Version(VersionFigures.Of(null, unknown)),
        });
    }

    private static async Task<IResult> Compare(string agent, HttpContext context, ProductionQueries queries, ClusterLabels labels)
    {
        var q = context.Request.Query;
        if (!TryVersion(q["a"], out var a) || !TryVersion(q["b"], out var b))
            return Results.BadRequest(new { error = "a and b are required version numbers: /api/harnesses/AGENT/production/compare?a=1&b=2" });
        if (!TryWindow(context, out var since, out var until, out var error)) return Results.BadRequest(new { error });
        var traces = queries.Traces(agent, since, until);
        var ofA = traces.Where(t => t.Version == a).ToList();
        var ofB = traces.Where(t => t.Version == b).ToList();
        var failures = TwoProportions.Compare(ofA.Count(t => t.Failed), ofA.Count, ofB.Count(t => t.Failed), ofB.Count);
        var corrections = TwoProportions.Compare(ofA.Count(t => t.Corrected), ofA.Count, ofB.Count(t => t.Corrected), ofB.Count);
        var counts = queries.ClusterCounts(agent, a, b, since, until);
        var moved = counts.GroupBy(c => c.ClusterId).Select(g => new
            {
                ClusterId = g.Key,
                ShareA = ofA.Count == 0 ? 0 : (double)g.Where(c => c.Version == a).Sum(c => c.Failures) / ofA.Count,
                ShareB = ofB.Count == 0 ? 0 : (double)g.Where(c => c.Version == b).Sum(c => c.Failures) / ofB.Count,
            })
            .OrderByDescending(c => Math.Abs(c.ShareB - c.ShareA)).ThenBy(c => c.ClusterId, StringComparer.Ordinal).Take(10).ToList();
        var names = await labels.LabelsAsync(moved.Select(m => m.ClusterId), context.RequestAborted);
        return Results.Json(new
        {
            agent, a, b, since = Iso(since), until = Iso(until),
            tracesA = ofA.Count, tracesB = ofB.Count,
            failureRateA = failures.A.Value, failureRateB = failures.B.Value,
            difference = failures.Difference, ci95 = failures.Ci95, pValue = failures.PValue,
            test = "two-sided two-proportion z-test (pooled); 95% interval: Newcombe hybrid score",
            correction = new { rateA = corrections.A.Value, rateB = corrections.B.Value, difference = corrections.Difference, ci95 = corrections.Ci95, pValue = corrections.PValue },
            clusters = moved.Select(m => new
            {
                clusterId = m.ClusterId, label = names.GetValueOrDefault(m.ClusterId)?.Label ?? "", shareA = m.ShareA, shareB = m.ShareB,
                terms = names.GetValueOrDefault(m.ClusterId)?.Terms ?? [],
            }),
        });
    }

    private static IResult ClusterVersions(string clusterId, ProductionQueries queries) =>
        Results.Json(new
        {
            clusterId,
            versions = queries.ClusterByVersion(clusterId).Select(r => new { agent = r.Agent, version = r.Version, members = r.Members }),
        });

    private static bool TryVersion(string? text, out int version) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;

    private static bool TryWindow(HttpContext context, out long? since, out long? until, out string? error)
    {
        error = null;
        until = null;
        if (!TryTime(context.Request.Query["since"], out since)) error = "since must be an ISO-8601 time, e.g. 2026-01-31T12:00:00Z";
        else if (!TryTime(context.Request.Query["until"], out until)) error = "until must be an ISO-8601 time, e.g. 2026-01-31T12:00:00Z";
        else if (since is not null && until is not null && until <= since) error = "until must be later than since";
        return error is null;
    }

    private static bool TryTime(string? text, out long? unixMs)
    {
        unixMs = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return false;
        unixMs = at.ToUnixTimeMilliseconds();
        return true;
    }

    private static string? Iso(long? unixMs) => unixMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("O") : null;
}
