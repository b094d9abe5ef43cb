using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Ingest.Tests.Otlp;

/// <summary>Builds small, valid OTLP requests for the tests to break in one place at a time.</summary>
internal static class OtlpSamples
{
    public const ulong Start = 1_700_000_000_000_000_000;

    public static ByteString TraceId(byte seed) => ByteString.CopyFrom(Enumerable.Range(1, 16).Select(i => (byte)(i * 16 + seed)).ToArray());

    public static ByteString SpanId(byte seed) => ByteString.CopyFrom(Enumerable.Range(1, 8).Select(i => (byte)(i + seed * 8)).ToArray());

    public static Span Span(string name, byte seed = 1) => new()
    {
        TraceId = TraceId(1),
        SpanId = SpanId(seed),
        Name = name,
        Kind = OpenTelemetry.Proto.Trace.V1.Span.Types.SpanKind.Client,
        StartTimeUnixNano = Start,
        EndTimeUnixNano = Start + 1_000_000,
        Attributes = { Attr("gen_ai.operation.name", "chat") },
    };

    public static KeyValue Attr(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    public static KeyValue Attr(string key, AnyValue value) => new() { Key = key, Value = value };

    public static ExportTraceServiceRequest Request(params Span[] spans) => new()
    {
        ResourceSpans =
        {
            new ResourceSpans
            {
                Resource = new Resource { Attributes = { Attr("service.name", "agent") } },
                ScopeSpans = { new ScopeSpans { Scope = new InstrumentationScope { Name = "tests", Version = "1" }, Spans = { spans } } },
            },
        },
    };

    public static IEnumerable<Span> AllSpans(ExportTraceServiceRequest request) =>
        request.ResourceSpans.SelectMany(r => r.ScopeSpans).SelectMany(s => s.Spans);

    public static byte[] Utf8(string json) => System.Text.Encoding.UTF8.GetBytes(json);
}
