using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Logs.V1;
using OpenTelemetry.Proto.Resource.V1;

namespace BetterHarness.Testing;

/// <summary>Builds OTLP logs requests for tests: GenAI events as the OTel GenAI instrumentations send them.</summary>
public static class TestLogs
{
    /// <summary>A GenAI event record (<c>event_name</c> set) on a span, with a structured body.</summary>
    public static LogRecord Event(byte[] traceId, byte[] spanId, string eventName, params (string Key, AnyValue Value)[] body)
    {
        var record = new LogRecord
        {
            TimeUnixNano = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000,
            TraceId = ByteString.CopyFrom(traceId),
            SpanId = ByteString.CopyFrom(spanId),
            EventName = eventName,
            Body = Map(body),
        };
        return record;
    }

    public static AnyValue Text(string value) => new() { StringValue = value };

    public static AnyValue Map(params (string Key, AnyValue Value)[] fields)
    {
        var list = new KeyValueList();
        foreach (var (key, value) in fields) list.Values.Add(new KeyValue { Key = key, Value = value });
        return new AnyValue { KvlistValue = list };
    }

    /// <summary>A user message and the model's answer, as <c>gen_ai.user.message</c> and <c>gen_ai.choice</c> events.</summary>
    public static LogRecord[] UserAndChoice(byte[] traceId, byte[] chatSpanId, string user, string answer) =>
    [
        Event(traceId, chatSpanId, "gen_ai.user.message", ("content", Text(user))),
        Event(traceId, chatSpanId, "gen_ai.choice", ("index", new AnyValue { IntValue = 0 }), ("finish_reason", Text("stop")),
            ("message", Map(("role", Text("assistant")), ("content", Text(answer))))),
    ];

    public static ExportLogsServiceRequest Request(params LogRecord[] records)
    {
        var scope = new ScopeLogs { Scope = new InstrumentationScope { Name = "tests" } };
        scope.LogRecords.AddRange(records);
        var resource = new Resource();
        resource.Attributes.Add(new KeyValue { Key = "service.name", Value = Text("test-service") });
        var resourceLogs = new ResourceLogs { Resource = resource };
        resourceLogs.ScopeLogs.Add(scope);
        var request = new ExportLogsServiceRequest();
        request.ResourceLogs.Add(resourceLogs);
        return request;
    }
}
