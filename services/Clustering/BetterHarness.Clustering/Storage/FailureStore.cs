using Dapper;

namespace BetterHarness.Clustering.Storage;

/// <summary>Failed traces and their cluster assignment.</summary>
public sealed class FailureStore(ClusteringDatabase database)
{
    /// <summary>
    /// Stores the rows whose revision is newer than what is stored; returns those (the rest are redeliveries
    /// or stale). A new revision with a changed signature loses its cluster until it is assigned again.
    /// </summary>
    public IReadOnlyList<FailureRow> Upsert(IReadOnlyList<FailureRow> rows)
    {
        using var c = database.Database.Open();
        using var tx = c.BeginTransaction();
        var stored = new List<FailureRow>();
        foreach (var row in rows)
        {
            var changed = c.Execute("""
                INSERT INTO failures (trace_id, revision, signature_hash, service_name, agent_name, kinds, error_types, occurred_ms, received_ms)
                VALUES (@TraceId, @Revision, @SignatureHash, @ServiceName, @AgentName, @Kinds, @ErrorTypes, @OccurredMs, @ReceivedMs)
                ON CONFLICT (trace_id) DO UPDATE SET
                    revision = excluded.revision, service_name = excluded.service_name, agent_name = excluded.agent_name,
                    kinds = excluded.kinds, error_types = excluded.error_types, occurred_ms = excluded.occurred_ms,
                    received_ms = excluded.received_ms,
                    cluster_id = CASE WHEN failures.signature_hash = excluded.signature_hash THEN failures.cluster_id END,
                    signature_hash = excluded.signature_hash
                WHERE excluded.revision > failures.revision
                """, row, tx);
            if (changed > 0) stored.Add(row);
        }
        tx.Commit();
        return stored;
    }

    /// <summary>Stores assignments computed for a revision; a newer revision stored meanwhile is left alone.</summary>
    public void Assign(IEnumerable<(string TraceId, int Revision, string ClusterId, double Similarity)> assignments, long nowMs, string by)
    {
        using var c = database.Database.Open();
        using var tx = c.BeginTransaction();
        c.Execute("""
            UPDATE failures SET cluster_id = @ClusterId, similarity = @Similarity, assigned_ms = @nowMs, assigned_by = @by
            WHERE trace_id = @TraceId AND revision = @Revision
            """, assignments.Select(a => new { a.TraceId, a.Revision, a.ClusterId, a.Similarity, nowMs, by }), tx);
        tx.Commit();
    }

    /// <summary>Every failure with its signature and current cluster: the input of a re-clustering.</summary>
    public IReadOnlyList<(string TraceId, int Revision, string Hash, string? ClusterId)> All()
    {
        using var c = database.Database.Open();
        return c.Query<(string, int, string, string?)>(
            "SELECT trace_id, revision, signature_hash, cluster_id FROM failures ORDER BY trace_id").ToList();
    }

    public IReadOnlyList<(string TraceId, int Revision, string Hash)> Unassigned()
    {
        using var c = database.Database.Open();
        return c.Query<(string, int, string)>(
            "SELECT trace_id, revision, signature_hash FROM failures WHERE cluster_id IS NULL ORDER BY trace_id").ToList();
    }

    public long CountReceivedSince(long ms)
    {
        using var c = database.Database.Open();
        return c.ExecuteScalar<long>("SELECT count(*) FROM failures WHERE received_ms > @ms", new { ms });
    }

    public (string? ClusterId, int Revision)? Find(string traceId)
    {
        using var c = database.Database.Open();
        var rows = c.Query<(string?, int)>("SELECT cluster_id, revision FROM failures WHERE trace_id = @traceId", new { traceId }).ToList();
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Streams (traceId, clusterId) of every clustered failure, in trace id order, without loading all.</summary>
    public IEnumerable<(string TraceId, string ClusterId)> Assignments()
    {
        using var c = database.Database.Open();
        foreach (var row in c.Query<(string, string)>(
                     "SELECT trace_id, cluster_id FROM failures WHERE cluster_id IS NOT NULL ORDER BY trace_id", buffered: false))
            yield return row;
    }
}
