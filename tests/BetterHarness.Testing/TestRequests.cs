using System.Security.Cryptography;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Testing;

/// <summary>Builds OTLP requests for tests: a root span and children in one trace.</summary>
public static class TestRequests
{
    public static byte[] NewTraceId() => RandomNumberGenerator.GetBytes(16);

    public static byte[] NewSpanId() => RandomNumberGenerator.GetBytes(8);

    public static Span Span(byte[] traceId, byte[] spanId, byte[]? parent, string name, params (string Key, string Value)[] attributes)
    {
        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var span = new Span
        {
            TraceId = ByteString.CopyFrom(traceId),
            SpanId = ByteString.CopyFrom(spanId),
            ParentSpanId = parent is null ? ByteString.Empty : ByteString.CopyFrom(parent),
            Name = name,
            StartTimeUnixNano = now,
            EndTimeUnixNano = now + 1_000_000,
        };
        foreach (var (k, v) in attributes) span.Attributes.Add(new KeyValue { Key = k, Value = new AnyValue { StringValue = v } });
        return span;
    }

    public static ExportTraceServiceRequest Request(params Span[] spans)
    {
        var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "tests" } };
        scope.Spans.AddRange(spans);
        var resource = new Resource();
        resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "test-service" } });
        var rs = new ResourceSpans { Resource = resource };
        rs.ScopeSpans.Add(scope);
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(rs);
        return request;
    }

    /// <summary>A root span and one chat child, complete.</summary>
    public static (ExportTraceServiceRequest Request, string TraceId) SimpleTrace()
    {
        var traceId = NewTraceId();
        var root = NewSpanId();
        var request = Request(
            Span(traceId, root, null, "invoke_agent", ("gen_ai.operation.name", "invoke_agent")),
            Span(traceId, NewSpanId(), root, "chat", ("gen_ai.operation.name", "chat"), ("gen_ai.request.model", "m")));
        return (request, Convert.ToHexStringLower(traceId));
    }
}
