using Google.Protobuf;
using Microsoft.Data.Sqlite;
using System.Security.Cryptography;
using BetterHarness.Ingest.Otlp;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Ingest.Storage;

/// <summary>
/// Writes groups of OTLP requests in one transaction with prepared statements (the hot path, so plain
/// ADO.NET rather than Dapper). One row per trace per request (see the migration); a retried request
/// inserts nothing and does not move its trace's clock.
/// </summary>
internal sealed class SpanBatchWriter : IDisposable
{
    private const string InsertSpanSql = """
        INSERT INTO span_chunks (trace_id, chunk_key, origin_id, span_count, payload)
        VALUES ($t, $k, $o, $n, $payload) ON CONFLICT DO NOTHING
        """;
    private const string InsertLogSql = """
        INSERT INTO log_events (trace_id, record_key, span_id, origin_id, payload)
        VALUES ($t, $k, $s, $o, $payload) ON CONFLICT DO NOTHING
        """;
    private const string UpsertTraceSql = """
        INSERT INTO traces (trace_id, first_seen_ms, last_span_ms, root_ended, span_count)
        VALUES ($t, $now, $now, $root, $count)
        ON CONFLICT (trace_id) DO UPDATE SET
            last_span_ms = excluded.last_span_ms,
            root_ended   = max(root_ended, excluded.root_ended),
            span_count   = span_count + excluded.span_count,
            version      = version + 1,
            state        = CASE WHEN state = 1 THEN 2 ELSE state END
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
        _insertSpan = Prepare(InsertSpanSql, "$t", "$k", "$o", "$n", "$payload");
        _upsertTrace = Prepare(UpsertTraceSql, "$t", "$now", "$root", "$count");
        _insertLog = Prepare(InsertLogSql, "$t", "$k", "$s", "$o", "$payload");
    }

    /// <summary>Returns, per request (traces or logs), how many spans or events were newly stored.</summary>
    public int[] Write(IEnumerable<IMessage> requests, long nowMs)
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

    private int[] WriteInTransaction(IEnumerable<IMessage> requests, long nowMs)
    {
        using var tx = _connection.BeginTransaction();
        _insertSpan.Transaction = tx;
        _upsertTrace.Transaction = tx;
        _insertLog.Transaction = tx;
        _origins.Transaction = tx;
        _tallies.Clear();
        var inserted = requests.Select(r => r switch
        {
            ExportTraceServiceRequest traces => WriteRequest(traces),
            ExportLogsServiceRequest logs => WriteLogs(logs),
            _ => throw new ArgumentException($"cannot store a {r.Descriptor.Name}", nameof(requests)),
        }).ToArray();
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

    private int WriteRequest(ExportTraceServiceRequest request)
    {
        var inserted = 0;
        foreach (var resourceSpans in request.ResourceSpans)
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                if (scopeSpans.Spans.Count == 0) continue;
                var originId = _origins.Resolve(resourceSpans, scopeSpans);
                foreach (var chunk in SpanChunks.ByTrace(scopeSpans.Spans)) inserted += WriteChunk(chunk, originId);
            }
        return inserted;
    }

    private int WriteChunk(List<Span> spans, long originId)
    {
        var p = _insertSpan.Parameters;
        p[0].Value = spans[0].TraceId.ToByteArray();
        p[1].Value = SpanChunks.Key(spans);
        p[2].Value = originId;
        p[3].Value = spans.Count;
        p[4].Value = SpanChunks.Payload(spans);
        if (_insertSpan.ExecuteNonQuery() == 0) return 0;
        var traceId = Convert.ToHexStringLower(spans[0].TraceId.Span);
        ref var tally = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_tallies, traceId, out _);
        tally.Spans += spans.Count;
        tally.RootEnded |= spans.Exists(s => s.ParentSpanId.IsEmpty);
        return spans.Count;
    }

    /// <summary>
    /// Stores the GenAI events of a trace (the only records that become conversation). A new event touches
    /// its trace like a span does: the quiet clock restarts and a completed trace becomes amended, so late
    /// events produce a new revision.
    /// </summary>
    private int WriteLogs(ExportLogsServiceRequest request)
    {
        var inserted = 0;
        foreach (var resourceLogs in request.ResourceLogs)
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                long? originId = null;
                foreach (var record in scopeLogs.LogRecords)
                {
                    if (!OtlpLogMapper.IsConversationEvent(record)) continue;
                    originId ??= _origins.Resolve(resourceLogs, scopeLogs);
                    var payload = record.ToByteArray();
                    var p = _insertLog.Parameters;
                    p[0].Value = record.TraceId.ToByteArray();
                    p[1].Value = SHA256.HashData(payload)[..16];
                    p[2].Value = record.SpanId.IsEmpty ? DBNull.Value : record.SpanId.ToByteArray();
                    p[3].Value = originId.Value;
                    p[4].Value = payload;
                    if (_insertLog.ExecuteNonQuery() == 0) continue;
                    inserted++;
                    var traceId = Convert.ToHexStringLower(record.TraceId.Span);
                    // The tally's presence is what counts: the trace is touched even though no span arrived.
                    System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_tallies, traceId, out _);
                }
            }
        return inserted;
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
