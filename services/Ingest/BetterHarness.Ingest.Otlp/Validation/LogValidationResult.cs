using OpenTelemetry.Proto.Collector.Logs.V1;

namespace BetterHarness.Ingest.Otlp;

/// <summary>What <see cref="LogValidator"/> kept, rejected and shortened in one logs request.</summary>
/// <param name="AcceptedRecords">Log records left in the request.</param>
/// <param name="RejectedRecords">Records removed because their trace or span id breaks the OTLP data model.</param>
/// <param name="ConversationEvents">Accepted records that are GenAI events of a trace (see <see cref="OtlpLogMapper.IsConversationEvent"/>).</param>
/// <param name="TruncatedValues">String values (attributes, body) cut to the size limit.</param>
/// <param name="ErrorMessage">Why records were rejected, counted per reason; null when none were.</param>
public sealed record LogValidationResult(
    int AcceptedRecords, int RejectedRecords, int ConversationEvents, int TruncatedValues, string? ErrorMessage)
{
    /// <summary>The OTLP export response: partial success when records were rejected, empty otherwise.</summary>
    public ExportLogsServiceResponse ToResponse()
    {
        var response = new ExportLogsServiceResponse();
        if (RejectedRecords > 0)
            response.PartialSuccess = new ExportLogsPartialSuccess { RejectedLogRecords = RejectedRecords, ErrorMessage = ErrorMessage ?? "" };
        return response;
    }
}
