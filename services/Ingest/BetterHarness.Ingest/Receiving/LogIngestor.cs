using BetterHarness.Ingest.Otlp;
using BetterHarness.Ingest.Storage;
using BetterHarness.Ingest.Telemetry;
using Microsoft.Extensions.Options;
using OpenTelemetry.Proto.Collector.Logs.V1;

namespace BetterHarness.Ingest.Receiving;

/// <summary>
/// The receiver → store seam for OTLP logs, shared by HTTP and gRPC: validate, drop only the invalid
/// records, commit the GenAI events of traces (they join their spans when the trace is read), count the
/// other records without storing them, then answer with partial success. Returns only after the commit.
/// </summary>
public sealed class LogIngestor(SpanWriter writer, IOptions<IngestOptions> options, IngestMetrics metrics)
{
    public async Task<ExportLogsServiceResponse> IngestAsync(ExportLogsServiceRequest request)
    {
        var limits = new OtlpLimits { MaxAttributeValueBytes = options.Value.MaxAttributeValueBytes };
        var validation = LogValidator.Validate(request, limits);
        if (validation.TruncatedValues > 0) metrics.ValuesTruncated.Add(validation.TruncatedValues);
        if (validation.RejectedRecords > 0) metrics.LogRecordsRejected.Add(validation.RejectedRecords);
        if (validation.ConversationEvents > 0)
        {
            await writer.WriteAsync(request, validation.ConversationEvents).ConfigureAwait(false);
            metrics.LogEventsAccepted.Add(validation.ConversationEvents);
        }
        var other = validation.AcceptedRecords - validation.ConversationEvents;
        if (other > 0) metrics.LogRecordsIgnored.Add(other);
        return validation.ToResponse();
    }
}
