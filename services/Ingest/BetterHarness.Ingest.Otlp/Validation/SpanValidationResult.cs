using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BetterHarness.Ingest.Otlp;

/// <summary>What <see cref="SpanValidator"/> kept, rejected and shortened in one request.</summary>
/// <param name="AcceptedSpans">Spans left in the request.</param>
/// <param name="RejectedSpans">Spans removed because they break the OTLP data model.</param>
/// <param name="TruncatedValues">String attribute values cut to the size limit (kept, with a marker).</param>
/// <param name="DroppedLinks">Links removed from kept spans because their ids were invalid.</param>
/// <param name="ErrorMessage">Why spans were rejected, counted per reason; null when none were.</param>
public sealed record SpanValidationResult(
    int AcceptedSpans, int RejectedSpans, int TruncatedValues, int DroppedLinks, string? ErrorMessage)
{
    /// <summary>
    /// The OTLP export response: partial success when spans were rejected, empty otherwise
    /// (an empty partial success means full success to senders).
    /// </summary>
    public ExportTraceServiceResponse ToResponse()
    {
        var response = new ExportTraceServiceResponse();
        if (RejectedSpans > 0)
        {
            response.PartialSuccess = new ExportTracePartialSuccess
            {
                RejectedSpans = RejectedSpans,
                ErrorMessage = ErrorMessage ?? "",
            };
        }
        return response;
    }
}
