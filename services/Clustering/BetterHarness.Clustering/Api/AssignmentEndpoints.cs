using System.Text.Json;
using BetterHarness.Clustering.Analyst;
using BetterHarness.Clustering.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BetterHarness.Clustering.Api;

/// <summary>
/// <c>GET /api/clusters/assignments</c>: JSON lines <c>{"traceId": "…", "clusterId": "…"}</c> for every clustered
/// failure, streamed. <c>GET /api/clusters/assignments/{traceId}</c>: one trace, <c>clusterId</c> null while
/// unassigned, <c>analysis</c> (the LLM analyst's statement and model) null without one, 404 while the clustering service
/// has not received it.
/// </summary>
public static class AssignmentEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/clusters/assignments", StreamAsync);
        app.MapGet("/api/clusters/assignments/{traceId}", (string traceId, FailureStore failures, FailureAnalyses analyses) =>
        {
            traceId = traceId.ToLowerInvariant();
            return failures.Find(traceId) is { } found
                ? Results.Json(new { traceId, clusterId = found.ClusterId, revision = found.Revision, analysis = analyses.For([traceId]).GetValueOrDefault(traceId) })
                : Results.NotFound(new { error = $"trace {traceId} has not reached the clustering service (not failed, or not completed yet)" });
        });
    }

    private static async Task StreamAsync(HttpContext context, FailureStore failures)
    {
        context.Response.ContentType = "application/x-ndjson";
        await using var writer = new StreamWriter(context.Response.Body, leaveOpen: true);
        var n = 0;
        foreach (var (traceId, clusterId) in failures.Assignments())
        {
            await writer.WriteAsync(JsonSerializer.Serialize(new { traceId, clusterId }));
            await writer.WriteAsync('\n');
            if (++n % 1000 == 0) await writer.FlushAsync(context.RequestAborted);
        }
        await writer.FlushAsync(context.RequestAborted);
    }
}
