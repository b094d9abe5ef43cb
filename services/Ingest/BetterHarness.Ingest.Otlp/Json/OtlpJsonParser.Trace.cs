using System.Text.Json;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Ingest.Otlp;

// The trace-specific messages: ResourceSpans → ScopeSpans → Span (+ Event, Link, Status).
public static partial class OtlpJsonParser
{
    private static readonly string[] SpanKindNames =
    [
        "SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER",
        "SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER",
    ];

    private static readonly string[] StatusCodeNames = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"];

    private static ResourceSpans ReadResourceSpans(ref Utf8JsonReader reader)
    {
        var result = new ResourceSpans();
        if (!BeginObject(ref reader)) return result;
        JsonField field;
        while ((field = JsonFields.Next(ref reader)) != JsonField.EndOfObject)
        {
            switch (field)
            {
                case JsonField.Resource: result.Resource = ReadResource(ref reader); break;
                case JsonField.ScopeSpans: ReadArray(ref reader, result.ScopeSpans, ReadScopeSpans); break;
                case JsonField.SchemaUrl: result.SchemaUrl = JsonScalars.String(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return result;
    }

    private static ScopeSpans ReadScopeSpans(ref Utf8JsonReader reader)
    {
        var result = new ScopeSpans();
        if (!BeginObject(ref reader)) return result;
        JsonField field;
        while ((field = JsonFields.Next(ref reader)) != JsonField.EndOfObject)
        {
            switch (field)
            {
                case JsonField.Scope: result.Scope = ReadScope(ref reader); break;
                case JsonField.Spans: ReadArray(ref reader, result.Spans, ReadSpan); break;
                case JsonField.SchemaUrl: result.SchemaUrl = JsonScalars.String(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return result;
    }

    private static Span ReadSpan(ref Utf8JsonReader reader)
    {
        var span = new Span();
        if (!BeginObject(ref reader)) return span;
        JsonField field;
        while ((field = JsonFields.Next(ref reader)) != JsonField.EndOfObject)
        {
            switch (field)
            {
                case JsonField.TraceId: span.TraceId = JsonScalars.Id(ref reader); break;
                case JsonField.SpanId: span.SpanId = JsonScalars.Id(ref reader); break;
                case JsonField.ParentSpanId: span.ParentSpanId = JsonScalars.Id(ref reader); break;
                case JsonField.TraceState: span.TraceState = JsonScalars.String(ref reader); break;
                case JsonField.Flags: span.Flags = JsonScalars.UInt32(ref reader); break;
                case JsonField.Name: span.Name = JsonScalars.String(ref reader); break;
                case JsonField.Kind: span.Kind = (Span.Types.SpanKind)JsonScalars.Enum(ref reader, SpanKindNames); break;
                case JsonField.StartTimeUnixNano: span.StartTimeUnixNano = JsonScalars.UInt64(ref reader); break;
                case JsonField.EndTimeUnixNano: span.EndTimeUnixNano = JsonScalars.UInt64(ref reader); break;
                case JsonField.Attributes: ReadArray(ref reader, span.Attributes, ReadKeyValue); break;
                case JsonField.DroppedAttributesCount: span.DroppedAttributesCount = JsonScalars.UInt32(ref reader); break;
                case JsonField.Events: ReadArray(ref reader, span.Events, ReadEvent); break;
                case JsonField.DroppedEventsCount: span.DroppedEventsCount = JsonScalars.UInt32(ref reader); break;
                case JsonField.Links: ReadArray(ref reader, span.Links, ReadLink); break;
                case JsonField.DroppedLinksCount: span.DroppedLinksCount = JsonScalars.UInt32(ref reader); break;
                case JsonField.Status: span.Status = ReadStatus(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return span;
    }

    private static Span.Types.Event ReadEvent(ref Utf8JsonReader reader)
    {
        var result = new Span.Types.Event();
        if (!BeginObject(ref reader)) return result;
        JsonField field;
        while ((field = JsonFields.Next(ref reader)) != JsonField.EndOfObject)
        {
            switch (field)
            {
                case JsonField.TimeUnixNano: result.TimeUnixNano = JsonScalars.UInt64(ref reader); break;
                case JsonField.Name: result.Name = JsonScalars.String(ref reader); break;
                case JsonField.Attributes: ReadArray(ref reader, result.Attributes, ReadKeyValue); break;
                case JsonField.DroppedAttributesCount: result.DroppedAttributesCount = JsonScalars.UInt32(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return result;
    }

    private static Span.Types.Link ReadLink(ref Utf8JsonReader reader)
    {
        var result = new Span.Types.Link();
        if (!BeginObject(ref reader)) return result;
        JsonField field;
        while ((field = JsonFields.Next(ref reader)) != JsonField.EndOfObject)
        {
            switch (field)
            {
                case JsonField.TraceId: result.TraceId = JsonScalars.Id(ref reader); break;
                case JsonField.SpanId: result.SpanId = JsonScalars.Id(ref reader); break;
                case JsonField.TraceState: result.TraceState = JsonScalars.String(ref reader); break;
                case JsonField.Attributes: ReadArray(ref reader, result.Attributes, ReadKeyValue); break;
                case JsonField.DroppedAttributesCount: result.DroppedAttributesCount = JsonScalars.UInt32(ref reader); break;
                case JsonField.Flags: result.Flags = JsonScalars.UInt32(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return result;
    }

    private static Status ReadStatus(ref Utf8JsonReader reader)
    {
        var result = new Status();
        if (!BeginObject(ref reader)) return result;
        JsonField field;
        while ((field = JsonFields.Next(ref reader)) != JsonField.EndOfObject)
        {
            switch (field)
            {
                case JsonField.Message: result.Message = JsonScalars.String(ref reader); break;
                case JsonField.Code: result.Code = (Status.Types.StatusCode)JsonScalars.Enum(ref reader, StatusCodeNames); break;
                default: reader.Skip(); break;
            }
        }
        return result;
    }
}
