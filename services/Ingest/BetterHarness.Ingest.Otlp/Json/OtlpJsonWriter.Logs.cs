using System.Buffers;
using System.Globalization;
using System.Text.Json;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Logs.V1;

namespace BetterHarness.Ingest.Otlp;

// The logs export response and whole logs requests, in the same style as the trace writer.
public static partial class OtlpJsonWriter
{
    /// <summary><c>{"partialSuccess":{"rejectedLogRecords":"N","errorMessage":"…"}}</c>, or <c>{}</c> for full success.</summary>
    public static byte[] WriteResponse(ExportLogsServiceResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            var partial = response.PartialSuccess;
            if (partial is not null && (partial.RejectedLogRecords != 0 || partial.ErrorMessage.Length > 0))
            {
                writer.WriteStartObject("partialSuccess");
                if (partial.RejectedLogRecords != 0) writer.WriteString("rejectedLogRecords", partial.RejectedLogRecords.ToString(CultureInfo.InvariantCulture));
                WriteString(writer, "errorMessage", partial.ErrorMessage);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The logs request as OTLP/JSON UTF-8 bytes, ready to send as a body.</summary>
    public static byte[] WriteLogsRequestUtf8(ExportLogsServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, request.CalculateSize() * 2));
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteStartArray("resourceLogs");
            foreach (var resourceLogs in request.ResourceLogs) WriteResourceLogs(w, resourceLogs);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteResourceLogs(Utf8JsonWriter w, ResourceLogs value)
    {
        w.WriteStartObject();
        if (value.Resource is { } resource) WriteResource(w, resource);
        w.WriteStartArray("scopeLogs");
        foreach (var scopeLogs in value.ScopeLogs)
        {
            w.WriteStartObject();
            if (scopeLogs.Scope is { } scope) WriteScope(w, scope);
            w.WriteStartArray("logRecords");
            foreach (var record in scopeLogs.LogRecords) WriteLogRecord(w, record);
            w.WriteEndArray();
            WriteString(w, "schemaUrl", scopeLogs.SchemaUrl);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteString(w, "schemaUrl", value.SchemaUrl);
        w.WriteEndObject();
    }

    private static void WriteLogRecord(Utf8JsonWriter w, LogRecord record)
    {
        w.WriteStartObject();
        WriteUInt64(w, "timeUnixNano", record.TimeUnixNano);
        WriteUInt64(w, "observedTimeUnixNano", record.ObservedTimeUnixNano);
        if (record.SeverityNumber != 0) w.WriteNumber("severityNumber", (int)record.SeverityNumber);
        WriteString(w, "severityText", record.SeverityText);
        if (record.Body is { } body)
        {
            w.WritePropertyName("body");
            WriteAnyValue(w, body);
        }
        WriteAttributes(w, record.Attributes, record.DroppedAttributesCount);
        if (record.Flags != 0) w.WriteNumber("flags", record.Flags);
        WriteId(w, "traceId", record.TraceId);
        WriteId(w, "spanId", record.SpanId);
        WriteString(w, "eventName", record.EventName);
        w.WriteEndObject();
    }
}
