using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BetterHarness.Ingest.Domain.Spans;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Logs.V1;

namespace BetterHarness.Ingest.Otlp;

/// <summary>
/// GenAI events sent as OTLP log records (the OTel GenAI instrumentations put message content there) become
/// the same <see cref="RawSpanEvent"/>s older SDKs attach to spans, so one reader serves both: the event
/// name from <c>event_name</c> (or the <c>event.name</c> attribute of older SDKs), the record's attributes,
/// and the body under <c>body</c> — as text when it is a string, as JSON when it is structured.
/// </summary>
public static class OtlpLogMapper
{
    private const string EventNameAttribute = "event.name";

    /// <summary>The record's event name, or null when it is a plain log line.</summary>
    public static string? EventName(LogRecord record)
    {
        if (record.EventName.Length > 0) return record.EventName;
        foreach (var kv in record.Attributes)
            if (kv.Key == EventNameAttribute && kv.Value?.ValueCase == AnyValue.ValueOneofCase.StringValue) return kv.Value.StringValue;
        return null;
    }

    /// <summary>A GenAI event (<c>gen_ai.*</c>) that names its trace: part of a conversation, stored to join its span.</summary>
    public static bool IsConversationEvent(LogRecord record) =>
        record.TraceId.Length == 16 && EventName(record)?.StartsWith("gen_ai.", StringComparison.Ordinal) == true;

    public static RawSpanEvent ToEvent(LogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var attributes = new Dictionary<string, object?>(OtlpSpanMapper.ToAttributes(record.Attributes), StringComparer.Ordinal);
        attributes.Remove(EventNameAttribute);
        if (record.Body is { ValueCase: not AnyValue.ValueOneofCase.None } body)
            attributes["body"] = body.ValueCase == AnyValue.ValueOneofCase.StringValue ? body.StringValue : ToJson(body);
        var time = record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano;
        return new RawSpanEvent(EventName(record) ?? "", time > long.MaxValue ? long.MaxValue : (long)time, attributes);
    }

    /// <summary>A structured body as plain JSON: maps as objects, arrays as arrays, scalars as themselves.</summary>
    public static string ToJson(AnyValue value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JsonText.Options.Encoder }))
            Write(writer, value);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // Depth is bounded by the parsers (protobuf's recursion limit, the JSON depth limit).
    private static void Write(Utf8JsonWriter w, AnyValue? value)
    {
        switch (value?.ValueCase)
        {
            case AnyValue.ValueOneofCase.StringValue: w.WriteStringValue(value.StringValue); break;
            case AnyValue.ValueOneofCase.BoolValue: w.WriteBooleanValue(value.BoolValue); break;
            case AnyValue.ValueOneofCase.IntValue: w.WriteNumberValue(value.IntValue); break;
            case AnyValue.ValueOneofCase.DoubleValue when double.IsFinite(value.DoubleValue): w.WriteNumberValue(value.DoubleValue); break;
            case AnyValue.ValueOneofCase.DoubleValue: w.WriteStringValue(value.DoubleValue.ToString(CultureInfo.InvariantCulture)); break;
            case AnyValue.ValueOneofCase.BytesValue: w.WriteBase64StringValue(value.BytesValue.Span); break;
            case AnyValue.ValueOneofCase.ArrayValue:
                w.WriteStartArray();
                foreach (var item in value.ArrayValue.Values) Write(w, item);
                w.WriteEndArray();
                break;
            case AnyValue.ValueOneofCase.KvlistValue:
                w.WriteStartObject();
                foreach (var kv in value.KvlistValue.Values)
                {
                    w.WritePropertyName(kv.Key);
                    Write(w, kv.Value);
                }
                w.WriteEndObject();
                break;
            default: w.WriteNullValue(); break;
        }
    }
}
