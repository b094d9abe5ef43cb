using System.Text.Json;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Logs.V1;

namespace BetterHarness.Ingest.Otlp;

// The log-specific messages: ExportLogsServiceRequest → ResourceLogs → ScopeLogs → LogRecord.
public static partial class OtlpJsonParser
{
    /// <summary>Parses a whole OTLP/JSON ExportLogsServiceRequest, with the same rules as <see cref="Parse"/>.</summary>
    /// <exception cref="OtlpFormatException">Not JSON, nested too deep, or a value of the wrong type.</exception>
    public static ExportLogsServiceRequest ParseLogs(ReadOnlySpan<byte> utf8Json, int maxDepth = OtlpLimits.DefaultMaxJsonDepth) =>
        ParseDocument(utf8Json, maxDepth, ReadLogsRequest);

    private static ExportLogsServiceRequest ReadLogsRequest(ref Utf8JsonReader reader)
    {
        var request = new ExportLogsServiceRequest();
        if (!BeginObject(ref reader)) return request;
        JsonField field;
        while ((field = JsonFields.Next(ref reader)) != JsonField.EndOfObject)
        {
            if (field == JsonField.ResourceLogs) ReadArray(ref reader, request.ResourceLogs, ReadResourceLogs);
            else reader.Skip();
        }
        return request;
    }

    private static ResourceLogs ReadResourceLogs(ref Utf8JsonReader reader)
    {
        var result = new ResourceLogs();
        if (!BeginObject(ref reader)) return result;
        JsonField field;
        while ((field = JsonFields.Next(ref reader)) != JsonField.EndOfObject)
        {
            switch (field)
            {
                case JsonField.Resource: result.Resource = ReadResource(ref reader); break;
                case JsonField.ScopeLogs: ReadArray(ref reader, result.ScopeLogs, ReadScopeLogs); break;
                case JsonField.SchemaUrl: result.SchemaUrl = JsonScalars.String(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return result;
    }

    private static ScopeLogs ReadScopeLogs(ref Utf8JsonReader reader)
    {
        var result = new ScopeLogs();
        if (!BeginObject(ref reader)) return result;
        JsonField field;
        while ((field = JsonFields.Next(ref reader)) != JsonField.EndOfObject)
        {
            switch (field)
            {
                case JsonField.Scope: result.Scope = ReadScope(ref reader); break;
                case JsonField.LogRecords: ReadArray(ref reader, result.LogRecords, ReadLogRecord); break;
                case JsonField.SchemaUrl: result.SchemaUrl = JsonScalars.String(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return result;
    }

    private static LogRecord ReadLogRecord(ref Utf8JsonReader reader)
    {
        var record = new LogRecord();
        if (!BeginObject(ref reader)) return record;
        JsonField field;
        while ((field = JsonFields.Next(ref reader)) != JsonField.EndOfObject)
        {
            switch (field)
            {
                case JsonField.TimeUnixNano: record.TimeUnixNano = JsonScalars.UInt64(ref reader); break;
                case JsonField.ObservedTimeUnixNano: record.ObservedTimeUnixNano = JsonScalars.UInt64(ref reader); break;
                case JsonField.SeverityNumber: record.SeverityNumber = (SeverityNumber)JsonScalars.Enum(ref reader, SeverityNames); break;
                case JsonField.SeverityText: record.SeverityText = JsonScalars.String(ref reader); break;
                case JsonField.Body: record.Body = ReadAnyValue(ref reader); break;
                case JsonField.Attributes: ReadArray(ref reader, record.Attributes, ReadKeyValue); break;
                case JsonField.DroppedAttributesCount: record.DroppedAttributesCount = JsonScalars.UInt32(ref reader); break;
                case JsonField.Flags: record.Flags = JsonScalars.UInt32(ref reader); break;
                case JsonField.TraceId: record.TraceId = JsonScalars.Id(ref reader); break;
                case JsonField.SpanId: record.SpanId = JsonScalars.Id(ref reader); break;
                case JsonField.EventName: record.EventName = JsonScalars.String(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return record;
    }

    private static readonly string[] SeverityNames = BuildSeverityNames();

    private static string[] BuildSeverityNames()
    {
        string[] levels = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];
        var names = new List<string> { "SEVERITY_NUMBER_UNSPECIFIED" };
        foreach (var level in levels)
            for (var n = 1; n <= 4; n++) names.Add(n == 1 ? $"SEVERITY_NUMBER_{level}" : $"SEVERITY_NUMBER_{level}{n}");
        return [.. names];
    }
}
