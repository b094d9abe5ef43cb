using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Ingest.Otlp;

// One method per message type, mirroring OtlpJsonParser; fields at their default are omitted.
public static partial class OtlpJsonWriter
{
    private static void WriteResourceSpans(Utf8JsonWriter w, ResourceSpans value)
    {
        w.WriteStartObject();
        if (value.Resource is { } resource) WriteResource(w, resource);
        w.WriteStartArray("scopeSpans");
        foreach (var scopeSpans in value.ScopeSpans) WriteScopeSpans(w, scopeSpans);
        w.WriteEndArray();
        WriteString(w, "schemaUrl", value.SchemaUrl);
        w.WriteEndObject();
    }

    private static void WriteResource(Utf8JsonWriter w, Resource value)
    {
        w.WriteStartObject("resource");
        WriteAttributes(w, value.Attributes, value.DroppedAttributesCount);
        w.WriteEndObject();
    }

    private static void WriteScopeSpans(Utf8JsonWriter w, ScopeSpans value)
    {
        w.WriteStartObject();
        if (value.Scope is { } scope) WriteScope(w, scope);
        w.WriteStartArray("spans");
        foreach (var span in value.Spans) WriteSpan(w, span);
        w.WriteEndArray();
        WriteString(w, "schemaUrl", value.SchemaUrl);
        w.WriteEndObject();
    }

    private static void WriteScope(Utf8JsonWriter w, InstrumentationScope scope)
    {
        w.WriteStartObject("scope");
        WriteString(w, "name", scope.Name);
        WriteString(w, "version", scope.Version);
        WriteAttributes(w, scope.Attributes, scope.DroppedAttributesCount);
        w.WriteEndObject();
    }

    private static void WriteSpan(Utf8JsonWriter w, Span span)
    {
        w.WriteStartObject();
        WriteId(w, "traceId", span.TraceId);
        WriteId(w, "spanId", span.SpanId);
        WriteString(w, "traceState", span.TraceState);
        WriteId(w, "parentSpanId", span.ParentSpanId);
        if (span.Flags != 0) w.WriteNumber("flags", span.Flags);
        WriteString(w, "name", span.Name);
        if (span.Kind != 0) w.WriteNumber("kind", (int)span.Kind);
        WriteUInt64(w, "startTimeUnixNano", span.StartTimeUnixNano);
        WriteUInt64(w, "endTimeUnixNano", span.EndTimeUnixNano);
        WriteAttributes(w, span.Attributes, span.DroppedAttributesCount);
        if (span.Events.Count > 0)
        {
            w.WriteStartArray("events");
            foreach (var e in span.Events) WriteEvent(w, e);
            w.WriteEndArray();
        }
        if (span.DroppedEventsCount != 0) w.WriteNumber("droppedEventsCount", span.DroppedEventsCount);
        if (span.Links.Count > 0)
        {
            w.WriteStartArray("links");
            foreach (var link in span.Links) WriteLink(w, link);
            w.WriteEndArray();
        }
        if (span.DroppedLinksCount != 0) w.WriteNumber("droppedLinksCount", span.DroppedLinksCount);
        if (span.Status is { } status && (status.Code != 0 || status.Message.Length > 0))
        {
            w.WriteStartObject("status");
            WriteString(w, "message", status.Message);
            if (status.Code != 0) w.WriteNumber("code", (int)status.Code);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteEvent(Utf8JsonWriter w, Span.Types.Event e)
    {
        w.WriteStartObject();
        WriteUInt64(w, "timeUnixNano", e.TimeUnixNano);
        WriteString(w, "name", e.Name);
        WriteAttributes(w, e.Attributes, e.DroppedAttributesCount);
        w.WriteEndObject();
    }

    private static void WriteLink(Utf8JsonWriter w, Span.Types.Link link)
    {
        w.WriteStartObject();
        WriteId(w, "traceId", link.TraceId);
        WriteId(w, "spanId", link.SpanId);
        WriteString(w, "traceState", link.TraceState);
        WriteAttributes(w, link.Attributes, link.DroppedAttributesCount);
        if (link.Flags != 0) w.WriteNumber("flags", link.Flags);
        w.WriteEndObject();
    }

    private static void WriteAttributes(Utf8JsonWriter w, RepeatedField<KeyValue> attributes, uint dropped)
    {
        if (attributes.Count > 0)
        {
            w.WriteStartArray("attributes");
            foreach (var kv in attributes) WriteKeyValue(w, kv);
            w.WriteEndArray();
        }
        if (dropped != 0) w.WriteNumber("droppedAttributesCount", dropped);
    }

    private static void WriteKeyValue(Utf8JsonWriter w, KeyValue kv)
    {
        w.WriteStartObject();
        w.WriteString("key", kv.Key);
        if (kv.Value is { } value)
        {
            w.WritePropertyName("value");
            WriteAnyValue(w, value);
        }
        w.WriteEndObject();
    }

    private static void WriteAnyValue(Utf8JsonWriter w, AnyValue value)
    {
        w.WriteStartObject();
        switch (value.ValueCase)
        {
            case AnyValue.ValueOneofCase.StringValue: w.WriteString("stringValue", value.StringValue); break;
            case AnyValue.ValueOneofCase.BoolValue: w.WriteBoolean("boolValue", value.BoolValue); break;
            case AnyValue.ValueOneofCase.IntValue:
                w.WriteString("intValue", value.IntValue.ToString(CultureInfo.InvariantCulture));
                break;
            case AnyValue.ValueOneofCase.DoubleValue: WriteDouble(w, value.DoubleValue); break;
            case AnyValue.ValueOneofCase.BytesValue: w.WriteBase64String("bytesValue", value.BytesValue.Span); break;
            case AnyValue.ValueOneofCase.ArrayValue:
                w.WriteStartObject("arrayValue");
                w.WriteStartArray("values");
                foreach (var item in value.ArrayValue.Values) WriteAnyValue(w, item);
                w.WriteEndArray();
                w.WriteEndObject();
                break;
            case AnyValue.ValueOneofCase.KvlistValue:
                w.WriteStartObject("kvlistValue");
                w.WriteStartArray("values");
                foreach (var item in value.KvlistValue.Values) WriteKeyValue(w, item);
                w.WriteEndArray();
                w.WriteEndObject();
                break;
        }
        w.WriteEndObject();
    }

    private static void WriteDouble(Utf8JsonWriter w, double value)
    {
        // JSON has no NaN or infinity; proto3 JSON spells them as strings, which the parser accepts.
        if (double.IsFinite(value)) w.WriteNumber("doubleValue", value);
        else w.WriteString("doubleValue", double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }

    private static void WriteId(Utf8JsonWriter w, string name, ByteString id)
    {
        if (!id.IsEmpty) w.WriteString(name, OtlpIds.ToHex(id));
    }

    private static void WriteUInt64(Utf8JsonWriter w, string name, ulong value)
    {
        if (value != 0) w.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteString(Utf8JsonWriter w, string name, string value)
    {
        if (value.Length > 0) w.WriteString(name, value);
    }
}
