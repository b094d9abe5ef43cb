using System.Runtime.InteropServices;
using Npgsql;
using NpgsqlTypes;

namespace BetterHarness.Ingest.Storage;

/// <summary>
/// PostgreSQL: writes groups of prepared OTLP requests with binary COPY. COPY cannot skip rows that exist already (a
/// retried request, or the same chunk sent to two replicas), so the rows are copied into session-local staging tables
/// and moved from there with <c>INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING</c>, which says which rows are new:
/// only those count and touch their trace. Traces are upserted in one statement over arrays, in trace id order, so two
/// replicas writing spans of the same traces take the row locks in the same order and cannot deadlock.
/// </summary>
internal sealed class PostgresSpanBatchWriter : ISpanBatchWriter
{
    // Temporary tables are per session and unlogged; ON COMMIT DELETE ROWS empties them after every batch.
    private const string StagingSql = """
        CREATE TEMP TABLE IF NOT EXISTS incoming_chunks (trace_id bytea, chunk_key bytea, origin_id bigint, span_count bigint,
            encoding bigint, payload bytea) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS incoming_events (trace_id bytea, record_key bytea, span_id bytea, origin_id bigint,
            encoding bigint, payload bytea) ON COMMIT DELETE ROWS;
        """;
    private const string CopyChunksSql = "COPY incoming_chunks (trace_id, chunk_key, origin_id, span_count, encoding, payload) FROM STDIN (FORMAT BINARY)";
    private const string CopyEventsSql = "COPY incoming_events (trace_id, record_key, span_id, origin_id, encoding, payload) FROM STDIN (FORMAT BINARY)";
    private const string MoveChunksSql = """
        INSERT INTO span_chunks (trace_id, chunk_key, origin_id, span_count, encoding, payload)
        SELECT trace_id, chunk_key, origin_id, span_count, encoding, payload FROM incoming_chunks ORDER BY trace_id, chunk_key
        ON CONFLICT DO NOTHING RETURNING trace_id, chunk_key
        """;
    private const string MoveEventsSql = """
        INSERT INTO log_events (trace_id, record_key, span_id, origin_id, encoding, payload)
        SELECT trace_id, record_key, span_id, origin_id, encoding, payload FROM incoming_events ORDER BY trace_id, record_key
        ON CONFLICT DO NOTHING RETURNING trace_id, record_key
        """;
    private const string UpsertTracesSql = """
        INSERT INTO traces (trace_id, first_seen_ms, last_span_ms, root_ended, span_count)
        SELECT t, @now, @now, r, n FROM unnest(@t, @r, @n) AS u(t, r, n) ORDER BY t
        ON CONFLICT (trace_id) DO UPDATE SET
            last_span_ms = excluded.last_span_ms,
            root_ended   = GREATEST(traces.root_ended, excluded.root_ended),
            span_count   = traces.span_count + excluded.span_count,
            version      = traces.version + 1,
            state        = CASE WHEN traces.state = @completed THEN @amended ELSE traces.state END
        """;

    private readonly NpgsqlConnection _connection;
    private readonly PostgresOrigins _origins;
    private readonly Dictionary<Google.Protobuf.ByteString, long> _batchOrigins = new();
    private readonly Dictionary<string, TraceTally> _tallies = new();

    public PostgresSpanBatchWriter(NpgsqlConnection connection)
    {
        _connection = connection;
        _origins = new PostgresOrigins(connection);
        using var staging = new NpgsqlCommand(StagingSql, connection);
        staging.ExecuteNonQuery();
    }

    public int[] Write(IEnumerable<PreparedRequest> requests, long nowMs)
    {
        var batch = requests as IReadOnlyList<PreparedRequest> ?? requests.ToList();
        // Origins are resolved before the transaction, each committed on its own: an origin without spans is harmless,
        // and the batch holds no lock on a row every replica's batches share.
        _batchOrigins.Clear();
        foreach (var origin in batch.SelectMany(r => r.Chunks.Select(c => c.Origin).Concat(r.Events.Select(e => e.Origin))))
            if (!_batchOrigins.ContainsKey(origin)) _batchOrigins[origin] = _origins.Resolve(origin);
        using var tx = _connection.BeginTransaction();
        _tallies.Clear();
        var inserted = new int[batch.Count];
        if (batch.Any(r => r.Chunks.Count > 0)) MoveChunks(batch, inserted);
        if (batch.Any(r => r.Events.Count > 0)) MoveEvents(batch, inserted);
        if (_tallies.Count > 0) UpsertTraces(tx, nowMs);
        tx.Commit();
        return inserted;
    }

    private void MoveChunks(IReadOnlyList<PreparedRequest> batch, int[] inserted)
    {
        using (var copy = _connection.BeginBinaryImport(CopyChunksSql))
        {
            foreach (var chunk in batch.SelectMany(r => r.Chunks))
            {
                copy.StartRow();
                copy.Write(chunk.TraceId, NpgsqlDbType.Bytea);
                copy.Write(chunk.Key, NpgsqlDbType.Bytea);
                copy.Write(_batchOrigins[chunk.Origin], NpgsqlDbType.Bigint);
                copy.Write((long)chunk.SpanCount, NpgsqlDbType.Bigint);
                copy.Write((long)chunk.Encoding, NpgsqlDbType.Bigint);
                copy.Write(chunk.Payload, NpgsqlDbType.Bytea);
            }
            copy.Complete();
        }
        var added = Moved(MoveChunksSql);
        for (var i = 0; i < batch.Count; i++)
            foreach (var chunk in batch[i].Chunks)
            {
                // A chunk repeated within the batch is new once: credited to the first request that has it.
                if (!added.Remove(RowKey(chunk.TraceId, chunk.Key))) continue;
                inserted[i] += chunk.SpanCount;
                ref var tally = ref CollectionsMarshal.GetValueRefOrAddDefault(_tallies, Convert.ToHexStringLower(chunk.TraceId), out _);
                tally.Spans += chunk.SpanCount;
                tally.RootEnded |= chunk.RootEnded;
            }
    }

    /// <summary>GenAI events: a new one touches its trace like a span does (the tally's presence is what counts).</summary>
    private void MoveEvents(IReadOnlyList<PreparedRequest> batch, int[] inserted)
    {
        using (var copy = _connection.BeginBinaryImport(CopyEventsSql))
        {
            foreach (var e in batch.SelectMany(r => r.Events))
            {
                copy.StartRow();
                copy.Write(e.TraceId, NpgsqlDbType.Bytea);
                copy.Write(e.Key, NpgsqlDbType.Bytea);
                if (e.SpanId is null) copy.WriteNull(); else copy.Write(e.SpanId, NpgsqlDbType.Bytea);
                copy.Write(_batchOrigins[e.Origin], NpgsqlDbType.Bigint);
                copy.Write((long)e.Encoding, NpgsqlDbType.Bigint);
                copy.Write(e.Payload, NpgsqlDbType.Bytea);
            }
            copy.Complete();
        }
        var added = Moved(MoveEventsSql);
        for (var i = 0; i < batch.Count; i++)
            foreach (var e in batch[i].Events)
            {
                if (!added.Remove(RowKey(e.TraceId, e.Key))) continue;
                inserted[i]++;
                CollectionsMarshal.GetValueRefOrAddDefault(_tallies, Convert.ToHexStringLower(e.TraceId), out _);
            }
    }

    /// <summary>Runs a move statement; the keys of the rows it inserted.</summary>
    private HashSet<string> Moved(string sql)
    {
        using var move = new NpgsqlCommand(sql, _connection);
        using var reader = move.ExecuteReader();
        var added = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) added.Add(RowKey(reader.GetFieldValue<byte[]>(0), reader.GetFieldValue<byte[]>(1)));
        return added;
    }

    private void UpsertTraces(NpgsqlTransaction tx, long nowMs)
    {
        var ids = new string[_tallies.Count];
        var roots = new long[_tallies.Count];
        var spans = new long[_tallies.Count];
        var i = 0;
        // In trace id order: the lock order every replica's batches share.
        foreach (var (traceId, tally) in _tallies.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            ids[i] = traceId;
            roots[i] = tally.RootEnded ? 1 : 0;
            spans[i++] = tally.Spans;
        }
        using var upsert = new NpgsqlCommand(UpsertTracesSql, _connection, tx);
        upsert.Parameters.AddWithValue("now", nowMs);
        upsert.Parameters.AddWithValue("t", NpgsqlDbType.Array | NpgsqlDbType.Text, ids);
        upsert.Parameters.AddWithValue("r", NpgsqlDbType.Array | NpgsqlDbType.Bigint, roots);
        upsert.Parameters.AddWithValue("n", NpgsqlDbType.Array | NpgsqlDbType.Bigint, spans);
        upsert.Parameters.AddWithValue("completed", (long)TraceState.Completed);
        upsert.Parameters.AddWithValue("amended", (long)TraceState.Amended);
        upsert.ExecuteNonQuery();
    }

    private static string RowKey(byte[] traceId, byte[] key) => Convert.ToHexStringLower(traceId) + Convert.ToHexStringLower(key);

    public void Dispose() { }

    private struct TraceTally
    {
        public long Spans;
        public bool RootEnded;
    }
}
