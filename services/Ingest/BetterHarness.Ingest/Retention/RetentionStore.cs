using BetterHarness.Ingest.Storage;
using Dapper;

namespace BetterHarness.Ingest.Retention;

/// <summary>What one delete batch removed, and where the next one starts.</summary>
public sealed record RetentionBatch(int Traces, long Spans, long LastCompletedMs);

/// <summary>
/// Deletes aged-out traces from the ingest store in bounded batches, leaves a tombstone per trace (<c>expired_traces</c>)
/// and gives the freed pages back to the file system (incremental vacuum).
/// </summary>
public sealed class RetentionStore(IngestDatabase database)
{
    // Oldest first along traces_completed; completed traces only (an amended one is about to be evaluated again), never
    // a pinned one. The per-agent rule names its agent; the default rule skips the agents that have their own.
    private const string SelectSql = """
        SELECT t.trace_id AS TraceId, t.completed_ms AS CompletedMs, t.span_count AS SpanCount,
               COALESCE(t.agent_name, t.service_name) AS Agent
        FROM traces t
        WHERE t.completed_ms >= @afterMs AND t.completed_ms < @cutoffMs AND t.state = @completed
          AND (@agent IS NULL OR COALESCE(t.agent_name, t.service_name) = @agent)
          AND (@agent IS NOT NULL OR COALESCE(t.agent_name, t.service_name, '') NOT IN @except)
          AND NOT EXISTS (SELECT 1 FROM trace_pins p WHERE p.trace_id = t.trace_id AND p.pinned = 1)
        ORDER BY t.completed_ms
        LIMIT @limit
        """;

    // PRAGMA arguments cannot be parameters: the step is a constant. 2,048 pages = 8 MiB at SQLite's default page size.
    private const string VacuumStepSql = "PRAGMA incremental_vacuum(2048)";

    /// <summary>Deletes up to <paramref name="limit"/> traces of <paramref name="rule"/> last evaluated at or after
    /// <paramref name="afterMs"/>, in one short transaction.</summary>
    public RetentionBatch DeleteBatch(RetentionRule rule, long afterMs, int limit, long nowMs)
    {
        using var c = database.Database.Open();
        // BEGIN IMMEDIATE: a span arriving between the read and the delete waits for this commit and then revives the
        // trace as a new one, rather than being deleted with it.
        using var tx = c.BeginTransaction(deferred: false);
        var rows = c.Query<(string TraceId, long CompletedMs, long SpanCount, string? Agent)>(SelectSql, new
        {
            afterMs, cutoffMs = rule.CutoffMs, completed = TraceState.Completed, agent = rule.Agent, except = rule.Except, limit,
        }, tx).ToList();
        if (rows.Count == 0) return new RetentionBatch(0, 0, afterMs);
        var ids = rows.Select(r => r.TraceId).ToList();
        var blobs = ids.Select(Convert.FromHexString).ToList();
        c.Execute("DELETE FROM span_chunks WHERE trace_id IN @blobs", new { blobs }, tx);
        c.Execute("DELETE FROM log_events WHERE trace_id IN @blobs", new { blobs }, tx);
        c.Execute("DELETE FROM signals WHERE trace_id IN @ids", new { ids }, tx);
        c.Execute("DELETE FROM feedback WHERE trace_id IN @ids", new { ids }, tx);
        c.Execute("DELETE FROM trace_clusters WHERE trace_id IN @ids", new { ids }, tx);
        c.Execute("DELETE FROM outbox WHERE trace_id IN @ids AND sent_ms IS NOT NULL", new { ids }, tx);
        c.Execute("DELETE FROM traces WHERE trace_id IN @ids", new { ids }, tx);
        c.Execute("""
            INSERT INTO expired_traces (trace_id, agent, expired_ms) VALUES (@TraceId, @Agent, @nowMs)
            ON CONFLICT (trace_id) DO UPDATE SET agent = excluded.agent, expired_ms = excluded.expired_ms
            """, rows.Select(r => new { r.TraceId, r.Agent, nowMs }), tx);
        tx.Commit();
        return new RetentionBatch(rows.Count, rows.Sum(r => r.SpanCount), rows[^1].CompletedMs);
    }

    /// <summary>
    /// Deletes up to <paramref name="limit"/> published digests older than the redrive window before the last publish:
    /// the start-up redrive never sends them again, and each holds a whole conversation (most of the file, unpruned).
    /// </summary>
    public int PruneOutbox(long windowMs, int limit)
    {
        using var c = database.Database.Open();
        return c.Execute("""
            DELETE FROM outbox WHERE id IN (
                SELECT id FROM outbox WHERE sent_ms IS NOT NULL AND sent_ms < (SELECT max(sent_ms) FROM outbox) - @windowMs
                ORDER BY id LIMIT @limit)
            """, new { windowMs, limit });
    }

    /// <summary>When the trace aged out, if it did (and has not come back since).</summary>
    public DateTimeOffset? ExpiredAt(string traceId)
    {
        using var c = database.Database.Open();
        var ms = c.QueryFirstOrDefault<long?>("SELECT expired_ms FROM expired_traces WHERE trace_id = @traceId", new { traceId });
        return ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
    }

    /// <summary>Whether the file gives freed pages back (auto_vacuum = INCREMENTAL, set when ingest.db was created).</summary>
    public bool CanShrink()
    {
        using var c = database.Database.Open();
        return c.ExecuteScalar<long>("PRAGMA auto_vacuum") == 2;
    }

    /// <summary>Pages in the file, and pages of them free.</summary>
    public (long Pages, long FreePages, long PageSize) Size()
    {
        using var c = database.Database.Open();
        return (c.ExecuteScalar<long>("PRAGMA page_count"), c.ExecuteScalar<long>("PRAGMA freelist_count"), c.ExecuteScalar<long>("PRAGMA page_size"));
    }

    /// <summary>Gives up to 2,048 free pages back to the file system (one short write); returns the pages still free.</summary>
    public long VacuumStep()
    {
        using var c = database.Database.Open();
        c.Execute(VacuumStepSql);
        return c.ExecuteScalar<long>("PRAGMA freelist_count");
    }

    /// <summary>Folds the WAL into the file and truncates it, so the shrunken size shows on disk; false when readers held it.</summary>
    public bool Checkpoint()
    {
        using var c = database.Database.Open();
        return c.QuerySingle<(long Busy, long Log, long Checkpointed)>("PRAGMA wal_checkpoint(TRUNCATE)").Busy == 0;
    }
}
