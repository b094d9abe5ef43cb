using BetterHarness.Contracts;
using BetterHarness.Ingest.Storage;
using BetterHarness.ServiceDefaults.Messaging;
using Dapper;

namespace BetterHarness.Ingest.Production;

/// <summary>Ingest's copy of trace → failure cluster (table <c>trace_clusters</c>), from <see cref="TracesClustered"/>.</summary>
public sealed class TraceClusterStore(IngestDatabase database) : ITraceClusterCopy
{
    /// <summary>Upserts; an assignment of an older revision than the stored one is ignored (idempotent, order-tolerant).</summary>
    public void Assign(IReadOnlyList<TraceClusterAssignment> assignments)
    {
        using var c = database.Database.Open();
        using var tx = c.BeginTransaction();
        c.Execute("""
            INSERT INTO trace_clusters (trace_id, cluster_id, revision) VALUES (@TraceId, @ClusterId, @Revision)
            ON CONFLICT (trace_id) DO UPDATE SET cluster_id = excluded.cluster_id, revision = excluded.revision
            WHERE excluded.revision >= trace_clusters.revision
            """, assignments, tx);
        tx.Commit();
    }
}
