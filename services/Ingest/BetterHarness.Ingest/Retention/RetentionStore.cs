using BetterHarness.Ingest.Storage;
using BetterHarness.ServiceDefaults.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BetterHarness.Ingest.Retention;

/// <summary>What one delete batch removed, and where the next one starts.</summary>
public sealed record RetentionBatch(int Traces, long Spans, long LastCompletedMs);

/// <summary>
/// Deletes aged-out traces from the ingest store in bounded batches, leaves a tombstone per trace (<c>expired_traces</c>)
/// and gives the freed pages back to the file system (SQLite: incremental vacuum) or makes them reusable (PostgreSQL:
/// VACUUM, as autovacuum would).
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

    // PostgreSQL: the same selection, locking the rows it returns. A trace a span writer holds right now is skipped (the
    // next pass takes it, if it is still due); a span arriving for a selected trace waits for this batch's commit and
    // then starts the trace anew, as on SQLite.
    private const string SelectPostgres = """
        SELECT t.trace_id AS TraceId, t.completed_ms AS CompletedMs, t.span_count AS SpanCount,
               COALESCE(t.agent_name, t.service_name) AS Agent
        FROM traces t
        WHERE t.completed_ms >= @afterMs AND t.completed_ms < @cutoffMs AND t.state = @completed
          AND (@agent IS NULL OR COALESCE(t.agent_name, t.service_name) = @agent)
          AND (@agent IS NOT NULL OR COALESCE(t.agent_name, t.service_name, '') <> ALL(@except))
          AND NOT EXISTS (SELECT 1 FROM trace_pins p WHERE p.trace_id = t.trace_id AND p.pinned = 1)
        ORDER BY t.completed_ms
        LIMIT @limit
        FOR UPDATE OF t SKIP LOCKED
        """;

    // Everything a trace has in the store, its row last. Spans and events are keyed by the trace id's bytes.
    private static readonly (string Sqlite, string Postgres)[] DeleteSql =
    [
        ("DELETE FROM span_chunks WHERE trace_id IN @blobs", "DELETE FROM span_chunks WHERE trace_id = ANY(@blobs)"),
        ("DELETE FROM log_events WHERE trace_id IN @blobs", "DELETE FROM log_events WHERE trace_id = ANY(@blobs)"),
        ("DELETE FROM signals WHERE trace_id IN @ids", "DELETE FROM signals WHERE trace_id = ANY(@ids)"),
        ("DELETE FROM feedback WHERE trace_id IN @ids", "DELETE FROM feedback WHERE trace_id = ANY(@ids)"),
        ("DELETE FROM trace_clusters WHERE trace_id IN @ids", "DELETE FROM trace_clusters WHERE trace_id = ANY(@ids)"),
        ("DELETE FROM outbox WHERE trace_id IN @ids AND sent_ms IS NOT NULL", "DELETE FROM outbox WHERE trace_id = ANY(@ids) AND sent_ms IS NOT NULL"),
        ("DELETE FROM traces WHERE trace_id IN @ids", "DELETE FROM traces WHERE trace_id = ANY(@ids)"),
    ];

    // PRAGMA arguments cannot be parameters: the step is a constant. 2,048 pages = 8 MiB at SQLite's default page size.
    private const string VacuumStepSql = "PRAGMA incremental_vacuum(2048)";

    /// <summary>Deletes up to <paramref name="limit"/> traces of <paramref name="rule"/> last evaluated at or after
    /// <paramref name="afterMs"/>, in one short transaction.</summary>
    public RetentionBatch DeleteBatch(RetentionRule rule, long afterMs, int limit, long nowMs)
    {
        using var c = database.Database.Open();
        // SQLite, BEGIN IMMEDIATE: a span arriving between the read and the delete waits for this commit and then revives
        // the trace as a new one, rather than being deleted with it. PostgreSQL locks the selected rows instead.
        using var tx = c is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : c.BeginTransaction();
        var rows = c.Query<(string TraceId, long CompletedMs, long SpanCount, string? Agent)>(database.Sql(SelectSql, SelectPostgres), new
        {
            afterMs, cutoffMs = rule.CutoffMs, completed = TraceState.Completed, agent = rule.Agent, except = rule.Except.ToArray(), limit,
        }, tx).ToList();
        if (rows.Count == 0) return new RetentionBatch(0, 0, afterMs);
        var ids = rows.Select(r => r.TraceId).ToArray();
        var blobs = ids.Select(Convert.FromHexString).ToArray();
        foreach (var (onSqlite, onPostgres) in DeleteSql)
            c.Execute(database.Sql(onSqlite, onPostgres), new { ids, blobs }, tx);
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

    /// <summary>
    /// Whether the store gives freed pages back to the file system: a SQLite file with auto_vacuum = INCREMENTAL (set when
    /// ingest.db was created). PostgreSQL never does (see <see cref="MakeSpaceReusable"/>).
    /// </summary>
    public bool CanShrink()
    {
        if (database.Engine == StorageEngine.Postgres) return false;
        using var c = database.Database.Open();
        return c.ExecuteScalar<long>("PRAGMA auto_vacuum") == 2;
    }

    /// <summary>Pages the store takes (SQLite: the file; PostgreSQL: the schema's tables with their indexes and TOAST), and pages of them free (SQLite only).</summary>
    public (long Pages, long FreePages, long PageSize) Size()
    {
        using var c = database.Database.Open();
        if (database.Engine == StorageEngine.Postgres)
            return c.QuerySingle<(long, long, long)>("""
                SELECT CAST(COALESCE(sum(pg_total_relation_size(c.oid)), 0) AS BIGINT) / current_setting('block_size')::bigint,
                       CAST(0 AS BIGINT), current_setting('block_size')::bigint
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relkind = 'r'
                """);
        return (c.ExecuteScalar<long>("PRAGMA page_count"), c.ExecuteScalar<long>("PRAGMA freelist_count"), c.ExecuteScalar<long>("PRAGMA page_size"));
    }

    /// <summary>
    /// PostgreSQL: makes the space of the deleted rows reusable now rather than when autovacuum next gets to these tables —
    /// a plain VACUUM, which runs beside inserts and reads (it takes no lock they wait for; TRUNCATE false keeps it from
    /// asking for the exclusive lock that giving the table's tail back would need). The files keep their size and new
    /// spans fill the freed space. SQLite: nothing (see <see cref="VacuumStep"/>).
    /// </summary>
    public void MakeSpaceReusable()
    {
        if (database.Engine != StorageEngine.Postgres) return;
        using var c = database.Database.Open();
        c.Execute("VACUUM (TRUNCATE false) span_chunks, log_events, traces, signals, feedback, trace_clusters, outbox");
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
