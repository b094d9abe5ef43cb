using Google.Protobuf;
using Microsoft.Data.Sqlite;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Ingest.Storage;

/// <summary>
/// Writes groups of OTLP requests in one transaction with prepared statements (the hot path, so plain
/// ADO.NET rather than Dapper). Idempotent on (trace_id, span_id): a retried batch inserts nothing twice
/// and does not move its trace's clock.
/// </summary>
internal sealed class SpanBatchWriter : IDisposable
{
    private const string InsertSpanSql = """
        INSERT INTO spans (trace_id, span_id, parent_span_id, name, start_ns, end_ns, origin_id, received_ms, payload)
        VALUES ($t, $s, $p, $n, $start, $end, $o, $r, $payload) ON CONFLICT DO NOTHING
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
    private readonly Dictionary<string, TraceTally> _tallies = new();

    public SpanBatchWriter(SqliteConnection connection)
    {
        _connection = connection;
        _origins = new OriginCache(connection);
        _insertSpan = Prepare(InsertSpanSql, "$t", "$s", "$p", "$n", "$start", "$end", "$o", "$r", "$payload");
        _upsertTrace = Prepare(UpsertTraceSql, "$t", "$now", "$root", "$count");
    }

    /// <summary>Returns, per request, how many spans were newly stored.</summary>
    public int[] Write(IEnumerable<ExportTraceServiceRequest> requests, long nowMs)
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

    private int[] WriteInTransaction(IEnumerable<ExportTraceServiceRequest> requests, long nowMs)
    {
        using var tx = _connection.BeginTransaction();
        _insertSpan.Transaction = tx;
        _upsertTrace.Transaction = tx;
        _origins.Transaction = tx;
        _tallies.Clear();
        var inserted = requests.Select(r => WriteRequest(r, nowMs)).ToArray();
        foreach (var (traceId, tally) in _tallies)
        {
            var p = _upsertTrace.Parameters;
            p[0].Value = traceId;
            p[1].Value = nowMs;
            p[2].Value = tally.RootEnded ? 1 : 0;
            p[3].Value = tally.Inserted;
            _upsertTrace.ExecuteNonQuery();
        }
        tx.Commit();
        return inserted;
    }

    private int WriteRequest(ExportTraceServiceRequest request, long nowMs)
    {
        var inserted = 0;
        foreach (var resourceSpans in request.ResourceSpans)
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                if (scopeSpans.Spans.Count == 0) continue;
                var originId = _origins.Resolve(resourceSpans, scopeSpans);
                foreach (var span in scopeSpans.Spans) inserted += WriteSpan(span, originId, nowMs);
            }
        return inserted;
    }

    private int WriteSpan(Span span, long originId, long nowMs)
    {
        var traceId = Convert.ToHexStringLower(span.TraceId.Span);
        var isRoot = span.ParentSpanId.IsEmpty;
        var p = _insertSpan.Parameters;
        p[0].Value = traceId;
        p[1].Value = Convert.ToHexStringLower(span.SpanId.Span);
        p[2].Value = isRoot ? DBNull.Value : Convert.ToHexStringLower(span.ParentSpanId.Span);
        p[3].Value = span.Name;
        p[4].Value = (long)span.StartTimeUnixNano;
        p[5].Value = (long)span.EndTimeUnixNano;
        p[6].Value = originId;
        p[7].Value = nowMs;
        p[8].Value = span.ToByteArray();
        var added = _insertSpan.ExecuteNonQuery();
        if (added == 0) return 0;
        ref var tally = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_tallies, traceId, out _);
        tally.Inserted++;
        tally.RootEnded |= isRoot;
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
        _origins.Dispose();
    }

    private struct TraceTally
    {
        public int Inserted;
        public bool RootEnded;
    }
}
