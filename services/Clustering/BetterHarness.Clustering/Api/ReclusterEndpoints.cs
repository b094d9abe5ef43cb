using BetterHarness.Clustering.Domain.Features;
using BetterHarness.Clustering.Engine;
using BetterHarness.Clustering.Storage;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BetterHarness.Clustering.Api;

/// <summary>
/// <c>POST /api/clusters/recluster[?features=embedding|tfidf|combined&amp;dryRun=true]</c>: re-cluster now and
/// answer with the summary when done. A dry run stores nothing and returns the assignments it would make
/// (how the quality command compares feature modes on the same data). <c>GET /api/clusters/stats</c>: totals
/// and completion → online assignment latency of the last 10,000 online assignments.
/// </summary>
public static class ReclusterEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/clusters/recluster", ReclusterAsync).Writes(Role.Curator, "clusters.recluster");
        // ?since=ISO-8601 limits the latency figures to failures completed from then on (benchmarks use it).
        app.MapGet("/api/clusters/stats", (ClusterQueries queries, SignatureEmbeddings embeddings, DateTimeOffset? since) =>
            Results.Json(new { stats = queries.Stats(10_000, since?.ToUnixTimeMilliseconds() ?? 0), embedded = embeddings.Embedded }));
    }

    private static async Task<IResult> ReclusterAsync(HttpContext context, ClusteringEngine engine, ClusteringDatabase db, TimeProvider clock,
        string? features, bool? dryRun, CancellationToken ct)
    {
        FeatureMode? mode = null;
        if (features is not null)
        {
            if (!FeatureModes.TryParse(features, out var parsed))
                return Results.BadRequest(new { error = $"features '{features}' is not one of embedding, tfidf, combined" });
            mode = parsed;
        }
        // What the re-clustering announces is stored with it in the outbox: a bus outage cannot lose it or fail the request.
        var (summary, _, assignments) = await engine.ReclusterAsync(mode, dryRun ?? false, ct);
        AuditLog.Write(db.Database, context.RequiredActor(), "clusters.recluster", "clusters",
            $"{(dryRun == true ? "dry run, " : "")}{summary.Features} features: {summary.K} clusters, {summary.Failures} failures", clock.GetUtcNow());
        return dryRun == true
            ? Results.Json(new { summary, assignments = assignments.Select(a => new { traceId = a.TraceId, clusterId = a.ClusterId }) })
            : Results.Json(new { summary });
    }
}
