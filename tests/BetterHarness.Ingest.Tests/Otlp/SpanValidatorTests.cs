using BetterHarness.Ingest.Otlp;
using Google.Protobuf;
using OpenTelemetry.Proto.Common.V1;
using ProtoSpan = OpenTelemetry.Proto.Trace.V1.Span;
using static BetterHarness.Ingest.Tests.Otlp.OtlpSamples;

namespace BetterHarness.Ingest.Tests.Otlp;

public sealed class SpanValidatorTests
{
    private static readonly OtlpLimits Limits = new() { MaxAttributeValueBytes = 1024 };

    [Fact]
    public void Accepts_valid_spans_untouched()
    {
        var request = Request(Span("a"), Span("b", seed: 2));
        var before = request.Clone();

        var result = SpanValidator.Validate(request, Limits);

        Assert.Equal(new SpanValidationResult(2, 0, 0, 0, null), result);
        Assert.Equal(before, request);
        Assert.Equal("{}", System.Text.Encoding.UTF8.GetString(OtlpJsonWriter.WriteResponse(result.ToResponse())));
    }

    [Fact]
    public void Rejects_span_with_invalid_trace_id_from_json_and_keeps_the_others()
    {
        var json = OtlpJsonWriter.WriteRequest(Request(Span("good"), Span("bad", seed: 2), Span("also good", seed: 3)))
            .Replace($"\"spanId\":\"{OtlpIds.ToHex(SpanId(2))}\"", $"\"spanId\":\"{OtlpIds.ToHex(SpanId(2))}\",\"traceId\":\"not-hex-at-all\"");
        var request = OtlpJsonParser.Parse(Utf8(json));

        var result = SpanValidator.Validate(request, Limits);

        Assert.Equal(2, result.AcceptedSpans);
        Assert.Equal(1, result.RejectedSpans);
        Assert.Equal("1 span rejected: 1 invalid trace_id (not a 32-digit hex string)", result.ErrorMessage);
        Assert.Equal(["good", "also good"], AllSpans(request).Select(s => s.Name));
        var response = System.Text.Encoding.UTF8.GetString(OtlpJsonWriter.WriteResponse(result.ToResponse()));
        Assert.Equal("""{"partialSuccess":{"rejectedSpans":"1","errorMessage":"1 span rejected: 1 invalid trace_id (not a 32-digit hex string)"}}""", response);
    }

    [Fact]
    public void Rejects_span_with_zero_trace_id()
    {
        var bad = Span("bad");
        bad.TraceId = ByteString.CopyFrom(new byte[16]);

        var result = SpanValidator.Validate(Request(Span("good", seed: 2), bad), Limits);

        Assert.Equal((1, 1), (result.AcceptedSpans, result.RejectedSpans));
        Assert.Equal("1 span rejected: 1 invalid trace_id (must be 16 bytes, not all zero)", result.ErrorMessage);
    }

    [Fact]
    public void Rejects_span_whose_end_is_before_its_start()
    {
        var bad = Span("bad");
        bad.EndTimeUnixNano = bad.StartTimeUnixNano - 1;

        var result = SpanValidator.Validate(Request(bad), Limits);

        Assert.Equal(1, result.RejectedSpans);
        Assert.Contains("1 end_time before start_time", result.ErrorMessage);
    }

    [Fact]
    public void Rejects_span_without_end_time()
    {
        var bad = Span("bad");
        bad.EndTimeUnixNano = 0;

        Assert.Contains("missing end_time", SpanValidator.Validate(Request(bad), Limits).ErrorMessage);
    }

    [Fact]
    public void Summarises_rejections_per_reason()
    {
        var zeroTrace = Span("a");
        zeroTrace.TraceId = ByteString.CopyFrom(new byte[16]);
        var shortSpanId = Span("b", seed: 2);
        shortSpanId.SpanId = ByteString.CopyFrom(1, 2, 3);
        var badParent = Span("c", seed: 3);
        badParent.ParentSpanId = ByteString.CopyFrom(1, 2);
        var backwards = Span("d", seed: 4);
        backwards.EndTimeUnixNano = 1;

        var result = SpanValidator.Validate(Request(zeroTrace, shortSpanId, badParent, backwards, Span("ok", seed: 5)), Limits);

        Assert.Equal(
            "4 spans rejected: 1 invalid trace_id (must be 16 bytes, not all zero); 1 invalid span_id (must be 8 bytes, not all zero); "
            + "1 invalid parent_span_id (must be empty or 8 bytes); 1 end_time before start_time",
            result.ErrorMessage);
        Assert.Equal(1, result.AcceptedSpans);
    }

    [Fact]
    public void Treats_an_all_zero_parent_as_a_root_span()
    {
        var span = Span("root");
        span.ParentSpanId = ByteString.CopyFrom(new byte[8]);

        var result = SpanValidator.Validate(Request(span), Limits);

        Assert.Equal(1, result.AcceptedSpans);
        Assert.True(span.ParentSpanId.IsEmpty);
    }

    [Fact]
    public void Truncates_oversize_attribute_with_marker()
    {
        var span = Span("big");
        // 'é' is two UTF-8 bytes, so a cut at 1024 bytes must not split one.
        var text = "a" + new string('é', 2000);
        span.Attributes.Add(Attr("gen_ai.input.messages", text));
        span.Attributes.Add(Attr("list", new AnyValue { ArrayValue = new ArrayValue { Values = { new AnyValue { StringValue = text } } } }));
        span.Events.Add(new ProtoSpan.Types.Event { Name = "e", Attributes = { Attr("kv", new AnyValue { KvlistValue = new KeyValueList { Values = { Attr("x", text) } } }) } });
        var request = Request(span);
        request.ResourceSpans[0].Resource.Attributes.Add(Attr("huge", text));

        var result = SpanValidator.Validate(request, Limits);

        Assert.Equal(4, result.TruncatedValues);
        var value = span.Attributes[1].Value.StringValue;
        Assert.Equal("a" + new string('é', 511) + "…[truncated 2978 bytes]", value);
        Assert.Equal(value, span.Attributes[2].Value.ArrayValue.Values[0].StringValue);
        Assert.Equal(value, span.Events[0].Attributes[0].Value.KvlistValue.Values[0].Value.StringValue);
        Assert.Equal(value, request.ResourceSpans[0].Resource.Attributes[1].Value.StringValue);
    }

    [Fact]
    public void Keeps_attribute_exactly_at_the_limit()
    {
        var span = Span("edge");
        span.Attributes.Add(Attr("x", new string('x', 1024)));

        Assert.Equal(0, SpanValidator.Validate(Request(span), Limits).TruncatedValues);
    }

    [Fact]
    public void Drops_links_with_invalid_ids_but_keeps_the_span()
    {
        var span = Span("linked");
        span.Links.Add(new ProtoSpan.Types.Link { TraceId = TraceId(3), SpanId = SpanId(3) });
        span.Links.Add(new ProtoSpan.Types.Link { TraceId = ByteString.CopyFrom(new byte[16]), SpanId = SpanId(4) });

        var result = SpanValidator.Validate(Request(span), Limits);

        Assert.Equal((1, 1), (result.AcceptedSpans, result.DroppedLinks));
        Assert.Single(span.Links);
        Assert.Equal(1U, span.DroppedLinksCount);
    }
}
