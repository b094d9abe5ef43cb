using System.Text.Json;

namespace BetterHarness.Ingest.Otlp;

/// <summary>Every OTLP/JSON property name the trace and logs parsers understand, across all message types.</summary>
internal enum JsonField
{
    EndOfObject, Unknown,
    ResourceSpans, Resource, ScopeSpans, SchemaUrl, Scope, Spans,
    TraceId, SpanId, TraceState, ParentSpanId, Flags, Name, Kind, StartTimeUnixNano, EndTimeUnixNano,
    Attributes, DroppedAttributesCount, Events, DroppedEventsCount, Links, DroppedLinksCount, Status,
    TimeUnixNano, Version, Message, Code, Key, Value, Values,
    StringValue, BoolValue, IntValue, DoubleValue, ArrayValue, KvlistValue, BytesValue,
    ResourceLogs, ScopeLogs, LogRecords, ObservedTimeUnixNano, SeverityNumber, SeverityText, Body, EventName,
}

internal static class JsonFields
{
    // Longer than any known name once underscores are dropped ("droppedattributescount" is 22).
    private const int MaxKnownLength = 32;

    /// <summary>
    /// Advances to the next property of the current object and onto its value. The name is matched
    /// with underscores dropped and ASCII case folded, so lowerCamelCase and snake_case (which the
    /// OTLP specification asks receivers to accept) both hit, without allocating a string per key.
    /// </summary>
    public static JsonField Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw OtlpJsonParser.Error(ref reader, "unexpected end of input");
        if (reader.TokenType == JsonTokenType.EndObject) return JsonField.EndOfObject;

        Span<char> name = stackalloc char[MaxKnownLength];
        var length = Normalise(ref reader, name);
        var field = length < 0 ? JsonField.Unknown : Lookup(name[..length]);
        if (!reader.Read()) throw OtlpJsonParser.Error(ref reader, "unexpected end of input");
        return field;
    }

    private static int Normalise(ref Utf8JsonReader reader, scoped Span<char> name)
    {
        ReadOnlySpan<byte> raw = reader.ValueSpan;
        if (reader.ValueIsEscaped)
        {
            // Rare: someone escaped a plain ASCII key. Unescape, then fold in place.
            if (raw.Length > 6 * MaxKnownLength) return -1;
            Span<char> unescaped = stackalloc char[raw.Length];
            var count = reader.CopyString(unescaped);
            return Fold(unescaped[..count], name);
        }
        var n = 0;
        foreach (var b in raw)
        {
            if (b == '_') continue;
            if (b >= 0x80 || n == name.Length) return -1;
            name[n++] = (char)(b is >= (byte)'A' and <= (byte)'Z' ? b + 32 : b);
        }
        return n;
    }

    private static int Fold(ReadOnlySpan<char> source, Span<char> name)
    {
        var n = 0;
        foreach (var c in source)
        {
            if (c == '_') continue;
            if (c >= 0x80 || n == name.Length) return -1;
            name[n++] = char.ToLowerInvariant(c);
        }
        return n;
    }

    private static JsonField Lookup(ReadOnlySpan<char> name) => name switch
    {
        "resourcespans" => JsonField.ResourceSpans,
        "resource" => JsonField.Resource,
        "scopespans" => JsonField.ScopeSpans,
        "schemaurl" => JsonField.SchemaUrl,
        "scope" => JsonField.Scope,
        "spans" => JsonField.Spans,
        "traceid" => JsonField.TraceId,
        "spanid" => JsonField.SpanId,
        "tracestate" => JsonField.TraceState,
        "parentspanid" => JsonField.ParentSpanId,
        "flags" => JsonField.Flags,
        "name" => JsonField.Name,
        "kind" => JsonField.Kind,
        "starttimeunixnano" => JsonField.StartTimeUnixNano,
        "endtimeunixnano" => JsonField.EndTimeUnixNano,
        "attributes" => JsonField.Attributes,
        "droppedattributescount" => JsonField.DroppedAttributesCount,
        "events" => JsonField.Events,
        "droppedeventscount" => JsonField.DroppedEventsCount,
        "links" => JsonField.Links,
        "droppedlinkscount" => JsonField.DroppedLinksCount,
        "status" => JsonField.Status,
        "timeunixnano" => JsonField.TimeUnixNano,
        "version" => JsonField.Version,
        "message" => JsonField.Message,
        "code" => JsonField.Code,
        "key" => JsonField.Key,
        "value" => JsonField.Value,
        "values" => JsonField.Values,
        "stringvalue" => JsonField.StringValue,
        "boolvalue" => JsonField.BoolValue,
        "intvalue" => JsonField.IntValue,
        "doublevalue" => JsonField.DoubleValue,
        "arrayvalue" => JsonField.ArrayValue,
        "kvlistvalue" => JsonField.KvlistValue,
        "bytesvalue" => JsonField.BytesValue,
        "resourcelogs" => JsonField.ResourceLogs,
        "scopelogs" => JsonField.ScopeLogs,
        "logrecords" => JsonField.LogRecords,
        "observedtimeunixnano" => JsonField.ObservedTimeUnixNano,
        "severitynumber" => JsonField.SeverityNumber,
        "severitytext" => JsonField.SeverityText,
        "body" => JsonField.Body,
        "eventname" => JsonField.EventName,
        _ => JsonField.Unknown,
    };
}
