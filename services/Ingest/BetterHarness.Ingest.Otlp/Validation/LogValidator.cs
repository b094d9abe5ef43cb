using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Logs.V1;

namespace BetterHarness.Ingest.Otlp;

/// <summary>
/// Enforces the OTLP data model on a parsed logs request, in place. Trace and span ids are optional on a
/// log record, but when present they must be valid (16 and 8 bytes, not all zero): a record with a broken
/// id is removed and counted for the partial-success reply, so it can never join the wrong trace. Long
/// string values in attributes and bodies are truncated as for spans.
/// </summary>
public static class LogValidator
{
    public static LogValidationResult Validate(ExportLogsServiceRequest request, OtlpLimits limits)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        var truncator = new AttributeTruncator(limits.MaxAttributeValueBytes);
        Span<int> rejectedBy = stackalloc int[RejectionReasons.Count];
        int accepted = 0, rejected = 0, events = 0;
        foreach (var resourceLogs in request.ResourceLogs)
        {
            if (resourceLogs.Resource is { } resource) truncator.Truncate(resource.Attributes);
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                if (scopeLogs.Scope is { } scope) truncator.Truncate(scope.Attributes);
                var records = scopeLogs.LogRecords;
                var kept = 0;
                for (var i = 0; i < records.Count; i++)
                {
                    var record = records[i];
                    if (Check(record) is { } reason)
                    {
                        rejectedBy[(int)reason]++;
                        rejected++;
                        continue;
                    }
                    truncator.Truncate(record);
                    if (OtlpLogMapper.IsConversationEvent(record)) events++;
                    records[kept++] = record;
                }
                while (records.Count > kept) records.RemoveAt(records.Count - 1);
                accepted += kept;
            }
        }
        return new LogValidationResult(accepted, rejected, events, truncator.Truncated,
            RejectionReasons.Summarise(rejected, rejectedBy, "log record", "log records"));
    }

    private static RejectionReason? Check(LogRecord record)
    {
        if (!IsEmptyOrValid(record.TraceId, 16))
            return OtlpIds.IsInvalidHexMarker(record.TraceId) ? RejectionReason.TraceIdNotHex : RejectionReason.InvalidTraceId;
        if (!IsEmptyOrValid(record.SpanId, 8))
            return OtlpIds.IsInvalidHexMarker(record.SpanId) ? RejectionReason.SpanIdNotHex : RejectionReason.InvalidSpanId;
        return null;
    }

    private static bool IsEmptyOrValid(ByteString id, int length) =>
        id.IsEmpty || (id.Length == length && id.Span.ContainsAnyExcept((byte)0));
}
