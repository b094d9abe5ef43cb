using System.Data;
using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Otlp;
using BetterHarness.Ingest.Storage.Compression;
using Dapper;
using OpenTelemetry.Proto.Logs.V1;

namespace BetterHarness.Ingest.Storage;

/// <summary>
/// Joins GenAI events stored from log records onto their spans by span id, so the normaliser reads them
/// exactly like span events. Events whose span never arrived are kept on a stand-in span (named
/// <see cref="StandInName"/>, under the trace's root) rather than dropped: they still say what was said.
/// </summary>
internal static class LogEventReader
{
    public const string StandInName = "gen_ai events without their span";
    private const string NoSpan = "0000000000000000";

    public static void Attach(IngestDatabase database, IDbConnection c, IReadOnlyList<string> traceIds, Dictionary<string, List<RawSpan>> spans,
        Func<long, (IReadOnlyDictionary<string, object?> Resource, string? Scope)> origin)
    {
        var rows = c.Query<(byte[] TraceId, byte[]? SpanId, byte[] Payload, long OriginId, long Encoding)>(
            database.Sql(
                sqlite: "SELECT trace_id, span_id, payload, origin_id, encoding FROM log_events WHERE trace_id IN @traceIds ORDER BY rowid",
                postgres: "SELECT trace_id, span_id, payload, origin_id, encoding FROM log_events WHERE trace_id = ANY(@traceIds) ORDER BY id"),
            new { traceIds = traceIds.Select(Convert.FromHexString).ToArray() });
        var groups = rows.GroupBy(r => (Trace: Convert.ToHexStringLower(r.TraceId), Span: r.SpanId is null ? NoSpan : Convert.ToHexStringLower(r.SpanId)));
        foreach (var group in groups)
        {
            var events = group.Select(r => OtlpLogMapper.ToEvent(LogRecord.Parser.ParseFrom(PayloadCodec.Decode((PayloadEncoding)r.Encoding, r.Payload)))).OrderBy(e => e.TimeUnixNano).ToList();
            if (!spans.TryGetValue(group.Key.Trace, out var trace)) spans[group.Key.Trace] = trace = [];
            var index = trace.FindIndex(s => s.SpanId == group.Key.Span);
            if (index >= 0)
                trace[index] = trace[index] with { Events = [.. trace[index].Events, .. events] };
            else
                trace.Add(StandIn(group.Key.Trace, group.Key.Span, trace, events, origin(group.First().OriginId)));
        }
    }

    private static RawSpan StandIn(string traceId, string spanId, List<RawSpan> trace, List<RawSpanEvent> events,
        (IReadOnlyDictionary<string, object?> Resource, string? Scope) origin) => new()
    {
        TraceId = traceId,
        SpanId = spanId,
        ParentSpanId = trace.FirstOrDefault(s => s.ParentSpanId is null)?.SpanId,
        Name = StandInName,
        StartUnixNano = events[0].TimeUnixNano,
        EndUnixNano = events[^1].TimeUnixNano,
        Events = events,
        Resource = origin.Resource,
        ScopeName = origin.Scope,
    };
}
