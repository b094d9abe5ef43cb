using System.Text.Json;
using BetterHarness.Ingest.Domain;
using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Otlp;
using BetterHarness.Testing;
using Google.Protobuf;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Logs.V1;

namespace BetterHarness.Ingest.Tests.Otlp;

/// <summary>OTLP logs as data: JSON in both spellings, validation, and the mapping of GenAI events to span events.</summary>
public sealed class OtlpLogsFormatTests
{
    private static readonly byte[] Trace = Convert.FromHexString("5b8efff798038103d269b633813fc60c");
    private static readonly byte[] Span = Convert.FromHexString("eee19b7ec3c1b174");

    [Fact]
    public void Json_round_trips_through_writer_and_parser_with_hex_ids()
    {
        var record = TestLogs.Event(Trace, Span, "gen_ai.choice", ("index", new AnyValue { IntValue = 0 }), ("message", TestLogs.Map(("content", TestLogs.Text("Hi ✓")))));
        record.SeverityNumber = SeverityNumber.Info2;
        record.Flags = 1;
        var request = TestLogs.Request(record);

        var json = OtlpJsonWriter.WriteLogsRequestUtf8(request);

        Assert.Contains("\"traceId\":\"5b8efff798038103d269b633813fc60c\"", System.Text.Encoding.UTF8.GetString(json));
        Assert.Equal(request, OtlpJsonParser.ParseLogs(json));
    }

    [Fact]
    public void Json_parser_accepts_snake_case_and_enum_names()
    {
        var json = """
            {"resource_logs":[{"scope_logs":[{"log_records":[{"time_unix_nano":"1700000000000000000","severity_number":"SEVERITY_NUMBER_WARN",
              "trace_id":"5B8EFFF798038103D269B633813FC60C","span_id":"eee19b7ec3c1b174","event_name":"gen_ai.user.message",
              "body":{"kvlist_value":{"values":[{"key":"content","value":{"string_value":"hello"}}]}}}]}]}]}
            """u8;

        var record = OtlpJsonParser.ParseLogs(json).ResourceLogs[0].ScopeLogs[0].LogRecords[0];

        Assert.Equal((SeverityNumber.Warn, "gen_ai.user.message"), (record.SeverityNumber, record.EventName));
        Assert.Equal(Trace, record.TraceId.ToByteArray());
        Assert.Equal("hello", record.Body.KvlistValue.Values[0].Value.StringValue);
    }

    [Fact]
    public void Validator_rejects_only_records_with_broken_ids_and_counts_the_genai_events()
    {
        var plain = new LogRecord { Body = TestLogs.Text("started") };
        var badSpan = TestLogs.Event(Trace, Span, "gen_ai.user.message");
        badSpan.SpanId = ByteString.CopyFrom(1, 2, 3);
        var notHex = OtlpJsonParser.ParseLogs("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"traceId":"not-hex","eventName":"gen_ai.choice"}]}]}]}"""u8);
        var request = TestLogs.Request(TestLogs.Event(Trace, Span, "gen_ai.user.message"), plain, badSpan);
        request.ResourceLogs.Add(notHex.ResourceLogs[0]);

        var result = LogValidator.Validate(request, new OtlpLimits());

        Assert.Equal((2, 2, 1), (result.AcceptedRecords, result.RejectedRecords, result.ConversationEvents));
        Assert.Equal("2 log records rejected: 1 invalid trace_id (not a 32-digit hex string); 1 invalid span_id (must be 8 bytes, not all zero)", result.ErrorMessage);
        Assert.Equal(2, result.ToResponse().PartialSuccess.RejectedLogRecords);
    }

    [Fact]
    public void Event_name_comes_from_the_field_or_the_legacy_attribute_and_the_body_becomes_json()
    {
        var record = TestLogs.Event(Trace, Span, "", ("message", TestLogs.Map(("tool_calls", new AnyValue
        {
            ArrayValue = new ArrayValue { Values = { TestLogs.Map(("id", TestLogs.Text("call_1")), ("n", new AnyValue { DoubleValue = 1.5 })) } },
        }))));
        record.Attributes.Add(new KeyValue { Key = "event.name", Value = TestLogs.Text("gen_ai.choice") });
        record.Attributes.Add(new KeyValue { Key = "gen_ai.system", Value = TestLogs.Text("openai") });

        var e = OtlpLogMapper.ToEvent(record);

        Assert.True(OtlpLogMapper.IsConversationEvent(record));
        Assert.Equal("gen_ai.choice", e.Name);
        Assert.Equal(["body", "gen_ai.system"], e.Attributes.Keys.Order());
        using var body = JsonDocument.Parse((string)e.Attributes["body"]!);
        Assert.Equal("call_1", body.RootElement.GetProperty("message").GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal((long)record.TimeUnixNano, e.TimeUnixNano);
    }

    [Fact]
    public void Events_from_log_records_and_span_events_make_the_same_conversation()
    {
        var logged = TestLogs.UserAndChoice(Trace, Span, "Is DY1102 on time?", "Yes, DY1102 is on time.").Select(OtlpLogMapper.ToEvent).ToList();
        RawSpanEvent[] spanEvents =
        [
            new("gen_ai.user.message", logged[0].TimeUnixNano, new Dictionary<string, object?> { ["content"] = "Is DY1102 on time?" }),
            new("gen_ai.choice", logged[1].TimeUnixNano, new Dictionary<string, object?>
            {
                ["index"] = 0L, ["finish_reason"] = "stop", ["message"] = """{"role":"assistant","content":"Yes, DY1102 is on time."}""",
            }),
        ];
        RawSpan Chat(IReadOnlyList<RawSpanEvent> events) => new()
        {
            TraceId = Convert.ToHexStringLower(Trace), SpanId = Convert.ToHexStringLower(Span), Name = "chat", StartUnixNano = 1, EndUnixNano = 2,
            Attributes = new Dictionary<string, object?> { ["gen_ai.operation.name"] = "chat" }, Events = events,
        };

        var fromLogs = TraceNormalizer.Normalize(Convert.ToHexStringLower(Trace), [Chat(logged)], []);
        var fromSpanEvents = TraceNormalizer.Normalize(Convert.ToHexStringLower(Trace), [Chat(spanEvents)], []);

        Assert.Equal(["user:Is DY1102 on time?", "assistant:Yes, DY1102 is on time."], Domain.Transcript.Lines(fromLogs));
        Assert.Equal(Domain.Transcript.Lines(fromSpanEvents), Domain.Transcript.Lines(fromLogs));
        Assert.Equal(fromSpanEvents.LlmCalls[0].InputMessages.Count, fromLogs.LlmCalls[0].InputMessages.Count);
    }
}
