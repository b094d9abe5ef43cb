using BetterHarness.Ingest.Otlp;
using BetterHarness.Ingest.Storage;
using BetterHarness.Ingest.Telemetry;
using Microsoft.Extensions.Options;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BetterHarness.Ingest.Receiving;

/// <summary>
/// The receiver → store seam shared by OTLP/HTTP and OTLP/gRPC: validate, drop only the invalid spans,
/// commit the rest, then answer with partial success. Returns only after the commit.
/// </summary>
public sealed class SpanIngestor(SpanWriter writer, IOptions<IngestOptions> options, IngestMetrics metrics)
{
    public async Task<ExportTraceServiceResponse> IngestAsync(ExportTraceServiceRequest request)
    {
        var limits = new OtlpLimits { MaxAttributeValueBytes = options.Value.MaxAttributeValueBytes };
        var validation = SpanValidator.Validate(request, limits);
        if (validation.TruncatedValues > 0) metrics.ValuesTruncated.Add(validation.TruncatedValues);
        if (validation.RejectedSpans > 0) metrics.SpansRejected.Add(validation.RejectedSpans);
        if (validation.AcceptedSpans > 0)
        {
            await writer.WriteAsync(request, validation.AcceptedSpans).ConfigureAwait(false);
            metrics.SpansAccepted.Add(validation.AcceptedSpans);
        }
        var response = new ExportTraceServiceResponse();
        if (validation.RejectedSpans > 0)
            response.PartialSuccess = new ExportTracePartialSuccess
            {
                RejectedSpans = validation.RejectedSpans,
                ErrorMessage = validation.ErrorMessage ?? "",
            };
        return response;
    }
}
