using System.Security.Cryptography;
using BetterHarness.Ingest.Otlp;
using BetterHarness.Ingest.Storage.Compression;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Ingest.Storage;

/// <summary>
/// The rows one OTLP request becomes, built on the request's own thread (grouping by trace, hashing, serialising,
/// compressing) so the single writer only inserts them. <see cref="Origin"/> is the resource + scope the rows share,
/// as the <c>origins</c> table keys it.
/// </summary>
internal sealed record PreparedRequest(IReadOnlyList<PreparedChunk> Chunks, IReadOnlyList<PreparedEvent> Events)
{
    public static PreparedRequest From(ExportTraceServiceRequest request)
    {
        var chunks = new List<PreparedChunk>();
        foreach (var resourceSpans in request.ResourceSpans)
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                if (scopeSpans.Spans.Count == 0) continue;
                var origin = Origin(resourceSpans.Resource, resourceSpans.SchemaUrl, scopeSpans.Scope, scopeSpans.SchemaUrl);
                foreach (var spans in SpanChunks.ByTrace(scopeSpans.Spans))
                {
                    var (encoding, payload) = PayloadCodec.Encode(SpanChunks.Payload(spans));
                    chunks.Add(new PreparedChunk(origin, spans[0].TraceId.ToByteArray(), SpanChunks.Key(spans), spans.Count,
                        spans.Exists(s => s.ParentSpanId.IsEmpty), encoding, payload));
                }
            }
        return new PreparedRequest(chunks, []);
    }

    /// <summary>The request's GenAI events (the only log records that become conversation); the others are skipped.</summary>
    public static PreparedRequest From(ExportLogsServiceRequest request)
    {
        var events = new List<PreparedEvent>();
        foreach (var resourceLogs in request.ResourceLogs)
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                ByteString? origin = null;
                foreach (var record in scopeLogs.LogRecords)
                {
                    if (!OtlpLogMapper.IsConversationEvent(record)) continue;
                    origin ??= Origin(resourceLogs.Resource, resourceLogs.SchemaUrl, scopeLogs.Scope, scopeLogs.SchemaUrl);
                    var raw = record.ToByteArray();
                    var (encoding, payload) = PayloadCodec.Encode(raw);
                    events.Add(new PreparedEvent(origin, record.TraceId.ToByteArray(), SHA256.HashData(raw)[..16],
                        record.SpanId.IsEmpty ? null : record.SpanId.ToByteArray(), encoding, payload));
                }
            }
        return new PreparedRequest([], events);
    }

    /// <summary>Resource + scope in the shape <c>origins</c> stores (a ResourceSpans without spans), for logs too.</summary>
    private static ByteString Origin(Resource? resource, string resourceSchema, InstrumentationScope? scope, string scopeSchema)
    {
        var origin = new ResourceSpans { Resource = resource, SchemaUrl = resourceSchema };
        origin.ScopeSpans.Add(new ScopeSpans { Scope = scope, SchemaUrl = scopeSchema });
        return origin.ToByteString();
    }
}

/// <summary>One <c>span_chunks</c> row: the spans of one trace in one request (key = hash of their sorted span ids).</summary>
internal sealed record PreparedChunk(ByteString Origin, byte[] TraceId, byte[] Key, int SpanCount, bool RootEnded,
    PayloadEncoding Encoding, byte[] Payload);

/// <summary>One <c>log_events</c> row: a GenAI event (key = hash of the record's protobuf bytes, before compression).</summary>
internal sealed record PreparedEvent(ByteString Origin, byte[] TraceId, byte[] Key, byte[]? SpanId, PayloadEncoding Encoding, byte[] Payload);
