using BetterHarness.Ingest.Domain.Spans;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using ProtoSpan = OpenTelemetry.Proto.Trace.V1.Span;

namespace BetterHarness.Ingest.Otlp;

/// <summary>Maps protobuf spans to the wire-independent <see cref="RawSpan"/>.</summary>
public static class OtlpSpanMapper
{
    /// <summary>Maps every span of a (validated) request, converting each resource's attributes once.</summary>
    public static List<RawSpan> ToRawSpans(ExportTraceServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = new List<RawSpan>();
        foreach (var resourceSpans in request.ResourceSpans)
        {
            var resource = ToAttributes(resourceSpans.Resource?.Attributes);
            foreach (var scopeSpans in resourceSpans.ScopeSpans)
            {
                var scopeName = NullIfEmpty(scopeSpans.Scope?.Name);
                foreach (var span in scopeSpans.Spans) result.Add(ToRawSpan(span, resource, scopeName));
            }
        }
        return result;
    }

    public static RawSpan ToRawSpan(ProtoSpan span, Resource? resource, InstrumentationScope? scope) =>
        ToRawSpan(span, ToAttributes(resource?.Attributes), NullIfEmpty(scope?.Name));

    /// <summary>Overload for callers mapping many spans of one resource: convert its attributes once.</summary>
    public static RawSpan ToRawSpan(ProtoSpan span, IReadOnlyDictionary<string, object?> resourceAttributes, string? scopeName)
    {
        ArgumentNullException.ThrowIfNull(span);
        return new RawSpan
        {
            TraceId = OtlpIds.ToHex(span.TraceId),
            SpanId = OtlpIds.ToHex(span.SpanId),
            ParentSpanId = span.ParentSpanId.IsEmpty ? null : OtlpIds.ToHex(span.ParentSpanId),
            Name = span.Name,
            Kind = (SpanKind)(int)span.Kind,
            StartUnixNano = ToInt64(span.StartTimeUnixNano),
            EndUnixNano = ToInt64(span.EndTimeUnixNano),
            StatusCode = (SpanStatusCode)(int)(span.Status?.Code ?? 0),
            StatusMessage = NullIfEmpty(span.Status?.Message),
            Attributes = ToAttributes(span.Attributes),
            Events = span.Events.Count == 0 ? [] : span.Events.Select(e =>
                new RawSpanEvent(e.Name, ToInt64(e.TimeUnixNano), ToAttributes(e.Attributes))).ToArray(),
            Links = span.Links.Count == 0 ? [] : span.Links.Select(l =>
                new RawSpanLink(OtlpIds.ToHex(l.TraceId), OtlpIds.ToHex(l.SpanId), ToAttributes(l.Attributes))).ToArray(),
            Resource = resourceAttributes,
            ScopeName = scopeName,
        };
    }

    /// <summary>Attributes as a dictionary; on a duplicate key (which OTLP forbids) the last one wins.</summary>
    public static IReadOnlyDictionary<string, object?> ToAttributes(RepeatedField<KeyValue>? attributes)
    {
        if (attributes is null || attributes.Count == 0) return RawSpan.Empty;
        var result = new Dictionary<string, object?>(attributes.Count, StringComparer.Ordinal);
        foreach (var kv in attributes) result[kv.Key] = ToValue(kv.Value);
        return result;
    }

    /// <summary>AnyValue as string, long, double, bool, byte[], list or dictionary; null when empty.</summary>
    public static object? ToValue(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue,
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue,
        AnyValue.ValueOneofCase.BytesValue => value.BytesValue.ToByteArray(),
        AnyValue.ValueOneofCase.ArrayValue => value.ArrayValue.Values.Select(ToValue).ToArray(),
        AnyValue.ValueOneofCase.KvlistValue => ToAttributes(value.KvlistValue.Values),
        _ => null,
    };

    // Nanosecond timestamps fit a long until 2262; anything larger is nonsense, kept as the maximum.
    private static long ToInt64(ulong nanos) => nanos > long.MaxValue ? long.MaxValue : (long)nanos;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
