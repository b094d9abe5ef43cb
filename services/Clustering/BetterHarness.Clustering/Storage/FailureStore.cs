using BetterHarness.Contracts;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Storage;
using Dapper;
using MassTransit;

namespace BetterHarness.Clustering.Storage;

/// <summary>Failed traces and their cluster assignment.</summary>
public sealed class FailureStore(ClusteringDatabase database)
{
    /// <summary>Assignments per published <see cref="TracesClustered"/>.</summary>
    public const int AssignmentsPerMessage = 1000;

    /// <summary>
    /// Stores the rows whose revision is newer than what is stored; returns those (the rest are redeliveries
    /// or stale). A new revision with a changed signature loses its cluster until it is assigned again.
    /// </summary>
    public IReadOnlyList<FailureRow> Upsert(IReadOnlyList<FailureRow> rows)
    {
        using var c = database.Database.Open();
        using var tx = c.BeginTransaction();
        // The withdrawn check and the upsert must see no other replica's withdrawal in between.
        c.LockForWrite(tx, database.Database, "failures");
        var stored = new List<FailureRow>();
        foreach (var row in rows)
        {
            var withdrawnAt = c.ExecuteScalar<long?>("SELECT revision FROM withdrawn_traces WHERE trace_id = @TraceId", row, tx);
            if (withdrawnAt >= row.Revision) continue;
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

    /// <summary>
    /// Stores assignments computed for a revision (a newer revision stored meanwhile is left alone) and, in the same
    /// transaction, the <see cref="TracesClustered"/> that announces them (<paramref name="reason"/>: online or
    /// recluster) in the outbox. Returns the assignments that were stored, or null (nothing stored) when they were
    /// computed with a model older than the clusters stored now (<paramref name="modelVersion"/>: another replica
    /// re-clustered meanwhile, and its clusters replace the ones these point at).
    /// </summary>
    public IReadOnlyList<TraceClusterAssignment>? Assign(
        IEnumerable<(string TraceId, int Revision, string ClusterId, double Similarity)> assignments, long nowMs, string by, string reason,
        long modelVersion)
    {
        using var c = database.Database.Open();
        using var tx = c.BeginTransaction();
        // Taken by a re-clustering's Apply too, so the version read here stays current until this commits.
        c.LockForWrite(tx, database.Database, ClusterStore.ModelLock);
        if (c.ExecuteScalar<long>(ClusterStore.ModelVersionSql, transaction: tx) != modelVersion) return null;
        var stored = new List<TraceClusterAssignment>();
        foreach (var a in assignments)
            if (c.Execute("""
                    UPDATE failures SET cluster_id = @ClusterId, similarity = @Similarity, assigned_ms = @nowMs, assigned_by = @by
                    WHERE trace_id = @TraceId AND revision = @Revision
                    """, new { a.TraceId, a.Revision, a.ClusterId, a.Similarity, nowMs, by }, tx) > 0)
                stored.Add(new TraceClusterAssignment(a.TraceId, a.ClusterId, a.Revision));
        MessageOutbox.Add(c, tx, Announcements(stored, reason), nowMs);
        tx.Commit();
        if (stored.Count > 0) database.Outbox.Signal.Notify();
        return stored;
    }

    /// <summary>The <see cref="TracesClustered"/> messages that announce <paramref name="assignments"/>.</summary>
    public static IEnumerable<TracesClustered> Announcements(IReadOnlyList<TraceClusterAssignment> assignments, string reason) =>
        assignments.Chunk(AssignmentsPerMessage).Select(chunk => new TracesClustered { BatchId = NewId.NextGuid(), Reason = reason, Assignments = chunk });

    /// <summary>
    /// A newer revision of the trace is neither failed nor corrected: its failure leaves its cluster (the row is
    /// deleted) and the revision is remembered so an older digest redelivered later cannot bring it back. A withdrawn
    /// failure is announced (<see cref="TraceFailureWithdrawn"/>) through the outbox in the same transaction.
    /// Returns true when a failure was withdrawn.
    /// </summary>
    public bool Withdraw(string traceId, int revision, long nowMs)
    {
        using var c = database.Database.Open();
        using var tx = c.BeginTransaction();
        c.LockForWrite(tx, database.Database, "failures");
        c.Execute("""
            INSERT INTO withdrawn_traces (trace_id, revision, withdrawn_ms) VALUES (@traceId, @revision, @nowMs)
            ON CONFLICT (trace_id) DO UPDATE SET revision = excluded.revision, withdrawn_ms = excluded.withdrawn_ms
            WHERE excluded.revision > withdrawn_traces.revision
            """, new { traceId, revision, nowMs }, tx);
        var clusterId = c.QueryFirstOrDefault<string?>(
            "SELECT cluster_id FROM failures WHERE trace_id = @traceId AND revision < @revision", new { traceId, revision }, tx);
        var deleted = c.Execute("DELETE FROM failures WHERE trace_id = @traceId AND revision < @revision", new { traceId, revision }, tx);
        if (deleted > 0)
            MessageOutbox.Add(c, tx, [new TraceFailureWithdrawn
            {
                TraceId = traceId, Revision = revision, ClusterId = clusterId, At = DateTimeOffset.FromUnixTimeMilliseconds(nowMs),
            }], nowMs);
        tx.Commit();
        if (deleted > 0) database.Outbox.Signal.Notify();
        return deleted > 0;
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
