using BetterHarness.Clustering.Analyst;
using BetterHarness.Clustering.Engine;
using BetterHarness.Clustering.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BetterHarness.Clustering.Api;

/// <summary>
/// <c>GET /api/clusters</c> (current clusters, most recently growing first) and <c>GET /api/clusters/{id}</c>
/// (one cluster with its members — each with the LLM analyst's statement when it has one —, trend and identity history).
/// Assignments, re-clustering and the analyst's status have their own files.
/// </summary>
public static class ClusterEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        AssignmentEndpoints.Map(app);
        ReclusterEndpoints.Map(app);
        AnalystEndpoints.Map(app);
        app.MapGet("/api/clusters", List);
        app.MapGet("/api/clusters/{id}", Get);
    }

    private static IResult List(ClusterStore clusters, ClusterQueries queries, SpikeWatch spikes, TimeProvider time, int? limit)
    {
        var settings = spikes.Settings;
        var sizes = queries.Sizes();
        var windows = spikes.Windows(null, settings, time.GetUtcNow().ToUnixTimeMilliseconds(), out _);
        var views = clusters.Active()
            .Select(c => ClusterView.From(c, sizes.GetValueOrDefault(c.Id), windows.GetValueOrDefault(c.Id), settings))
            .OrderBy(v => Domain.Trends.TrendClassifier.Rank(v.Status))
            .ThenByDescending(v => v.Trend.Count == 0 ? 0 : v.Trend[^1])
            .ThenByDescending(v => v.LastSeen).ThenByDescending(v => v.Size)
            .Take(Math.Clamp(limit ?? 1000, 1, 10_000)).ToList();
        var stats = queries.Stats(0);
        return Results.Json(new { clusters = views, count = views.Count, failures = stats.Failures, unassigned = stats.Unassigned });
    }

    private static IResult Get(string id, ClusterStore clusters, ClusterQueries queries, FailureAnalyses analyses, SpikeWatch spikes, TimeProvider time, int? members)
    {
        var row = clusters.Find(id);
        if (row is null) return Results.NotFound(new { error = $"cluster {id} is unknown (GET /api/clusters lists the current ones)" });
        var settings = spikes.Settings;
        var window = spikes.Windows([id], settings, time.GetUtcNow().ToUnixTimeMilliseconds(), out _).GetValueOrDefault(id);
        var view = ClusterView.From(row, queries.Sizes(id).GetValueOrDefault(id), window, settings);
        var history = clusters.Events(id).Select(e => new
        {
            at = DateTimeOffset.FromUnixTimeMilliseconds(e.AtMs), kind = e.Kind,
            related = System.Text.Json.JsonSerializer.Deserialize<string[]>(e.Related),
        });
        var listed = queries.Members(id, Math.Clamp(members ?? 100, 1, 100_000));
        var statements = analyses.For(listed.Select(m => m.TraceId));
        return Results.Json(new
        {
            cluster = view, members = listed.Select(m => m with { Analysis = statements.GetValueOrDefault(m.TraceId) }), history,
        });
    }
}
