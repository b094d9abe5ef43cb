using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Otlp;
using Google.Protobuf;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using ProtoSpan = OpenTelemetry.Proto.Trace.V1.Span;
using static BetterHarness.Ingest.Tests.Otlp.OtlpSamples;

namespace BetterHarness.Ingest.Tests.Otlp;

public sealed class OtlpSpanMapperTests
{
    [Fact]
    public void Maps_ids_to_lowercase_hex_and_an_empty_parent_to_null()
    {
        var request = Request(Span("chat"));

        var raw = OtlpSpanMapper.ToRawSpans(request).Single();

        Assert.Equal(Convert.ToHexStringLower(TraceId(1).Span), raw.TraceId);
        Assert.Equal(Convert.ToHexStringLower(SpanId(1).Span), raw.SpanId);
        Assert.Null(raw.ParentSpanId);
        Assert.Equal(SpanKind.Client, raw.Kind);
        Assert.Equal("agent", raw.Resource["service.name"]);
        Assert.Equal("tests", raw.ScopeName);
        Assert.Equal((long)Start, raw.StartUnixNano);
    }

    [Fact]
    public void Maps_every_any_value_kind_to_plain_dotnet_values()
    {
        var span = Span("values");
        span.ParentSpanId = SpanId(5);
        span.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "failed" };
        span.Attributes.Add(Attr("i", new AnyValue { IntValue = 7 }));
        span.Attributes.Add(Attr("d", new AnyValue { DoubleValue = 1.5 }));
        span.Attributes.Add(Attr("b", new AnyValue { BoolValue = true }));
        span.Attributes.Add(Attr("bytes", new AnyValue { BytesValue = ByteString.CopyFrom(9) }));
        span.Attributes.Add(Attr("empty", new AnyValue()));
        span.Attributes.Add(Attr("arr", new AnyValue { ArrayValue = new ArrayValue { Values = { new AnyValue { IntValue = 1 }, new AnyValue { StringValue = "two" } } } }));
        span.Attributes.Add(Attr("kv", new AnyValue { KvlistValue = new KeyValueList { Values = { Attr("inner", "v") } } }));
        span.Events.Add(new ProtoSpan.Types.Event { Name = "gen_ai.choice", TimeUnixNano = 5 });
        span.Links.Add(new ProtoSpan.Types.Link { TraceId = TraceId(2), SpanId = SpanId(2) });

        var raw = OtlpSpanMapper.ToRawSpan(span, resource: null, scope: null);

        Assert.Equal(OtlpIds.ToHex(SpanId(5)), raw.ParentSpanId);
        Assert.Equal((SpanStatusCode.Error, "failed"), (raw.StatusCode, raw.StatusMessage));
        Assert.Equal(7L, raw.Attributes["i"]);
        Assert.Equal(1.5, raw.Attributes["d"]);
        Assert.Equal(true, raw.Attributes["b"]);
        Assert.Equal(new byte[] { 9 }, raw.Attributes["bytes"]);
        Assert.Null(raw.Attributes["empty"]);
        Assert.Equal(new object?[] { 1L, "two" }, Assert.IsAssignableFrom<IReadOnlyList<object?>>(raw.Attributes["arr"]));
        Assert.Equal("v", Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(raw.Attributes["kv"])["inner"]);
        Assert.Equal(new RawSpanEvent("gen_ai.choice", 5, RawSpan.Empty), raw.Events.Single());
        Assert.Equal(OtlpIds.ToHex(TraceId(2)), raw.Links.Single().TraceId);
        Assert.Empty(raw.Resource);
        Assert.Null(raw.ScopeName);
    }
}
