using Microsoft.Data.Sqlite;

namespace BetterHarness.Ingest.Storage;

/// <summary>
/// SQLite: writes groups of prepared OTLP requests (<see cref="PreparedRequest"/>: already grouped, hashed and compressed on
/// the requests' threads) in one transaction with prepared statements (the hot path, so plain ADO.NET rather than
/// Dapper). One row per trace per request (see the migration); a retried request inserts nothing and does not move
/// its trace's clock.
/// </summary>
internal sealed class SpanBatchWriter : ISpanBatchWriter
{
    private const string InsertSpanSql = """
        INSERT INTO span_chunks (trace_id, chunk_key, origin_id, span_count, encoding, payload)
        VALUES ($t, $k, $o, $n, $e, $payload) ON CONFLICT DO NOTHING
        """;
    private const string InsertLogSql = """
        INSERT INTO log_events (trace_id, record_key, span_id, origin_id, encoding, payload)
        VALUES ($t, $k, $s, $o, $e, $payload) ON CONFLICT DO NOTHING
        """;
    private const string UpsertTraceSql = """
        INSERT INTO traces (trace_id, first_seen_ms, last_span_ms, root_ended, span_count)
        VALUES ($t, $now, $now, $root, $count)
        ON CONFLICT (trace_id) DO UPDATE SET
            last_span_ms = excluded.last_span_ms,
            root_ended   = max(root_ended, excluded.root_ended),
            span_count   = span_count + excluded.span_count,
            version      = version + 1,
            state        = CASE WHEN state = $completed THEN $amended ELSE state END
        """;

    private readonly SqliteConnection _connection;
    private readonly OriginCache _origins;
    private readonly SqliteCommand _insertSpan;
    private readonly SqliteCommand _upsertTrace;
    private readonly SqliteCommand _insertLog;
    private readonly Dictionary<string, TraceTally> _tallies = new();

    public SpanBatchWriter(SqliteConnection connection)
    {
        _connection = connection;
        _origins = new OriginCache(connection);
        _insertSpan = Prepare(InsertSpanSql, "$t", "$k", "$o", "$n", "$e", "$payload");
        _upsertTrace = Prepare(UpsertTraceSql, "$t", "$now", "$root", "$count", "$completed", "$amended");
        _upsertTrace.Parameters["$completed"].Value = (int)TraceState.Completed;
        _upsertTrace.Parameters["$amended"].Value = (int)TraceState.Amended;
        _insertLog = Prepare(InsertLogSql, "$t", "$k", "$s", "$o", "$e", "$payload");
    }

    /// <summary>Returns, per request (traces or logs), how many spans or events were newly stored.</summary>
    public int[] Write(IEnumerable<PreparedRequest> requests, long nowMs)
    {
        try
        {
            return WriteInTransaction(requests, nowMs);
        }
        catch
        {
            _origins.Clear(); // ids resolved in the rolled-back transaction are gone
            throw;
        }
    }

    private int[] WriteInTransaction(IEnumerable<PreparedRequest> requests, long nowMs)
    {
        using var tx = _connection.BeginTransaction();
        _insertSpan.Transaction = tx;
        _upsertTrace.Transaction = tx;
        _insertLog.Transaction = tx;
        _origins.Transaction = tx;
        _tallies.Clear();
        var inserted = requests.Select(r => r.Chunks.Sum(WriteChunk) + r.Events.Sum(WriteEvent)).ToArray();
        foreach (var (traceId, tally) in _tallies)
        {
            var p = _upsertTrace.Parameters;
            p[0].Value = traceId;
            p[1].Value = nowMs;
            p[2].Value = tally.RootEnded ? 1 : 0;
            p[3].Value = tally.Spans;
            _upsertTrace.ExecuteNonQuery();
        }
        tx.Commit();
        return inserted;
    }

    private int WriteChunk(PreparedChunk chunk)
    {
        var p = _insertSpan.Parameters;
        p[0].Value = chunk.TraceId;
        p[1].Value = chunk.Key;
        p[2].Value = _origins.Resolve(chunk.Origin);
        p[3].Value = chunk.SpanCount;
        p[4].Value = (int)chunk.Encoding;
        p[5].Value = chunk.Payload;
        if (_insertSpan.ExecuteNonQuery() == 0) return 0;
        ref var tally = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(
            _tallies, Convert.ToHexStringLower(chunk.TraceId), out _);
        tally.Spans += chunk.SpanCount;
        tally.RootEnded |= chunk.RootEnded;
        return chunk.SpanCount;
    }

    /// <summary>
    /// Stores a GenAI event of a trace. A new event touches its trace like a span does: the quiet clock restarts and a
    /// completed trace becomes amended, so late events produce a new revision.
    /// </summary>
    private int WriteEvent(PreparedEvent e)
    {
        var p = _insertLog.Parameters;
        p[0].Value = e.TraceId;
        p[1].Value = e.Key;
        p[2].Value = e.SpanId is null ? DBNull.Value : e.SpanId;
        p[3].Value = _origins.Resolve(e.Origin);
        p[4].Value = (int)e.Encoding;
        p[5].Value = e.Payload;
        if (_insertLog.ExecuteNonQuery() == 0) return 0;
        // The tally's presence is what counts: the trace is touched even though no span arrived.
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_tallies, Convert.ToHexStringLower(e.TraceId), out _);
        return 1;
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    public void Dispose()
    {
        _insertSpan.Dispose();
        _upsertTrace.Dispose();
        _insertLog.Dispose();
        _origins.Dispose();
    }

    private struct TraceTally
    {
        public int Spans;
        public bool RootEnded;
    }
}
