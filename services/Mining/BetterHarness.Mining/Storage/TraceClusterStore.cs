using BetterHarness.Contracts;
using BetterHarness.ServiceDefaults.Messaging;
using Dapper;

namespace BetterHarness.Mining.Storage;

/// <summary>
/// Cluster ids from the clustering service. Assignments can arrive before or after a trace is mined, so
/// they are kept per trace and also copied onto any candidate the trace already feeds.
/// </summary>
public sealed class TraceClusterStore(MiningDatabase db) : ITraceClusterCopy
{
    public string? ClusterOf(string traceId)
    {
        using var c = db.Database.Open();
        return c.QueryFirstOrDefault<string?>("SELECT cluster_id FROM trace_clusters WHERE trace_id = @traceId", new { traceId });
    }

    public void Assign(IReadOnlyList<TraceClusterAssignment> assignments)
    {
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        c.Execute("""
            INSERT INTO trace_clusters (trace_id, cluster_id, revision) VALUES (@TraceId, @ClusterId, @Revision)
            ON CONFLICT (trace_id) DO UPDATE SET cluster_id = excluded.cluster_id, revision = excluded.revision
            WHERE excluded.revision >= trace_clusters.revision
            """, assignments, tx);
        c.Execute("""
            UPDATE candidates SET cluster_id = @ClusterId
            WHERE id = (SELECT candidate_id FROM candidate_sources WHERE trace_id = @TraceId)
            """, assignments, tx);
        tx.Commit();
    }
}
