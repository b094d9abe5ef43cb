using BetterHarness.Ingest.Otlp;
using Google.Protobuf;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Trace.V1;
using ProtoSpan = OpenTelemetry.Proto.Trace.V1.Span;
using static BetterHarness.Ingest.Tests.Otlp.OtlpSamples;

namespace BetterHarness.Ingest.Tests.Otlp;

public sealed class OtlpJsonParserTests
{
    [Fact]
    public void Round_trips_a_request_through_writer_and_parser_with_hex_ids()
    {
        var span = Span("chat gpt-4o");
        span.ParentSpanId = SpanId(9);
        span.Flags = 0x101;
        span.TraceState = "vendor=1";
        span.Status = new Status { Code = Status.Types.StatusCode.Error, Message = "boom" };
        span.Attributes.Add(Attr("n", new AnyValue { IntValue = -42 }));
        span.Attributes.Add(Attr("d", new AnyValue { DoubleValue = 0.25 }));
        span.Attributes.Add(Attr("nan", new AnyValue { DoubleValue = double.NaN }));
        span.Attributes.Add(Attr("b", new AnyValue { BoolValue = true }));
        span.Attributes.Add(Attr("bytes", new AnyValue { BytesValue = ByteString.CopyFrom(1, 2, 255) }));
        span.Attributes.Add(Attr("arr", new AnyValue { ArrayValue = new ArrayValue { Values = { new AnyValue { StringValue = "x" }, new AnyValue() } } }));
        span.Attributes.Add(Attr("kv", new AnyValue { KvlistValue = new KeyValueList { Values = { Attr("inner", "ü ✓ 😀") } } }));
        span.Events.Add(new ProtoSpan.Types.Event { Name = "gen_ai.choice", TimeUnixNano = Start + 5, Attributes = { Attr("index", "0") } });
        span.Links.Add(new ProtoSpan.Types.Link { TraceId = TraceId(7), SpanId = SpanId(7), Flags = 1 });
        span.DroppedAttributesCount = 3;
        var request = Request(span, Span("tool", seed: 2));

        var json = OtlpJsonWriter.WriteRequest(request);
        var parsed = OtlpJsonParser.Parse(Utf8(json));

        Assert.Contains($"\"traceId\":\"{Convert.ToHexStringLower(TraceId(1).Span)}\"", json);
        Assert.Contains("\"startTimeUnixNano\":\"1700000000000000000\"", json);
        Assert.Equal(request, parsed);
    }

    [Fact]
    public void Accepts_snake_case_keys()
    {
        const string json = """
            {"resource_spans":[{"scope_spans":[{"spans":[{
              "trace_id":"0102030405060708090a0b0c0d0e0f10","span_id":"0102030405060708","parent_span_id":"",
              "start_time_unix_nano":"10","end_time_unix_nano":"20","dropped_attributes_count":2,
              "attributes":[{"key":"k","value":{"string_value":"v"}},{"key":"l","value":{"kvlist_value":{"values":[]}}}]}]}]}]}
            """;

        var span = AllSpans(OtlpJsonParser.Parse(Utf8(json))).Single();

        Assert.Equal("0102030405060708090a0b0c0d0e0f10", OtlpIds.ToHex(span.TraceId));
        Assert.Equal(20UL, span.EndTimeUnixNano);
        Assert.Equal(2U, span.DroppedAttributesCount);
        Assert.Equal("v", span.Attributes[0].Value.StringValue);
        Assert.Equal(AnyValue.ValueOneofCase.KvlistValue, span.Attributes[1].Value.ValueCase);
    }

    [Theory]
    [InlineData("\"1700000000000000001\"", "\"-5\"")]
    [InlineData("1700000000000000001", "-5")]
    public void Reads_int64_fields_as_strings_or_numbers(string time, string intValue)
    {
        var json = $$$"""
            {"resourceSpans":[{"scopeSpans":[{"spans":[{"startTimeUnixNano":{{{time}}},
              "attributes":[{"key":"n","value":{"intValue":{{{intValue}}}}}]}]}]}]}
            """;

        var span = AllSpans(OtlpJsonParser.Parse(Utf8(json))).Single();

        Assert.Equal(1700000000000000001UL, span.StartTimeUnixNano);
        Assert.Equal(-5L, span.Attributes[0].Value.IntValue);
    }

    [Theory]
    [InlineData("3", "2")]
    [InlineData("\"SPAN_KIND_CLIENT\"", "\"STATUS_CODE_ERROR\"")]
    public void Reads_enums_as_integers_or_names(string kind, string code)
    {
        var json = $$$"""{"resourceSpans":[{"scopeSpans":[{"spans":[{"kind":{{{kind}}},"status":{"code":{{{code}}}}}]}]}]}""";

        var span = AllSpans(OtlpJsonParser.Parse(Utf8(json))).Single();

        Assert.Equal(ProtoSpan.Types.SpanKind.Client, span.Kind);
        Assert.Equal(Status.Types.StatusCode.Error, span.Status.Code);
    }

    [Fact]
    public void Ignores_unknown_fields_of_any_shape()
    {
        const string json = """
            {"extra":{"a":[1,{"b":null}]},"resourceSpans":[{"unknown":[[]],"scopeSpans":[{"spans":[{"name":"x","future":true}]}]}]}
            """;

        Assert.Equal("x", AllSpans(OtlpJsonParser.Parse(Utf8(json))).Single().Name);
    }

    [Fact]
    public void Keeps_a_span_whose_id_is_not_hex_but_marks_the_id_invalid()
    {
        const string json = """{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz02030405060708090a0b0c0d0e0f10","spanId":"0102030405060708"}]}]}]}""";

        var span = AllSpans(OtlpJsonParser.Parse(Utf8(json))).Single();

        Assert.True(OtlpIds.IsInvalidHexMarker(span.TraceId));
        Assert.NotEqual(16, span.TraceId.Length);
    }

    [Theory]
    [InlineData("{\"resourceSpans\":[", "byte")]
    [InlineData("{\"resourceSpans\":[{]}", "line 1")]
    [InlineData("", "empty")]
    [InlineData("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"soon\"}]}]}]}", "64-bit integer")]
    public void Throws_a_readable_format_error_for_malformed_json(string json, string expectedInMessage)
    {
        var error = Assert.Throws<OtlpFormatException>(() => OtlpJsonParser.Parse(Utf8(json)));

        Assert.Contains(expectedInMessage, error.Message);
    }

    [Fact]
    public void Rejects_deeply_nested_json_with_a_clean_error()
    {
        var nesting = 10_000;
        var json = """{"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[{"key":"deep","value":{"arrayValue":{"values":"""
            + new string('[', nesting) + new string(']', nesting) + "}}}]}]}]}]}";

        // Arrays are not AnyValues, so the parser stops at the first one, long before any depth limit.
        Assert.Throws<OtlpFormatException>(() => OtlpJsonParser.Parse(Utf8(json)));
    }

    [Fact]
    public void Rejects_deeply_nested_any_values_at_the_depth_limit()
    {
        var value = """{"stringValue":"leaf"}""";
        for (var i = 0; i < 5_000; i++) value = $$$"""{"arrayValue":{"values":[{{{value}}}]}}""";
        var json = $$$"""{"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[{"key":"deep","value":{{{value}}}}]}]}]}]}""";

        var error = Assert.Throws<OtlpFormatException>(() => OtlpJsonParser.Parse(Utf8(json)));

        Assert.Contains("depth of 64", error.Message);
    }

    [Fact]
    public void Rejects_deeply_nested_unknown_fields_at_the_depth_limit()
    {
        var json = "{\"future\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

        var error = Assert.Throws<OtlpFormatException>(() => OtlpJsonParser.Parse(Utf8(json)));

        Assert.Contains("depth of 64", error.Message);
    }
}
