using System.Text;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BetterHarness.Ingest.Otlp;

/// <summary>Parses binary OTLP and turns Google.Protobuf's exceptions into readable format errors.</summary>
public static class OtlpProtobuf
{
    /// <exception cref="OtlpFormatException">Truncated or corrupt message, or invalid UTF-8 in a string field.</exception>
    public static ExportTraceServiceRequest Parse(ReadOnlySpan<byte> data) => Parse(data, ExportTraceServiceRequest.Parser);

    /// <exception cref="OtlpFormatException">Truncated or corrupt message, or invalid UTF-8 in a string field.</exception>
    public static ExportLogsServiceRequest ParseLogs(ReadOnlySpan<byte> data) => Parse(data, ExportLogsServiceRequest.Parser);

    private static T Parse<T>(ReadOnlySpan<byte> data, MessageParser<T> parser) where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(data);
        }
        catch (InvalidProtocolBufferException ex) when (ex.Message.Contains("truncated", StringComparison.OrdinalIgnoreCase))
        {
            throw new OtlpFormatException("Malformed OTLP protobuf: truncated protobuf message (input ended in the middle of a field).", ex);
        }
        catch (Exception ex) when (ex is DecoderFallbackException
            || (ex is InvalidProtocolBufferException && ex.Message.Contains("UTF-8", StringComparison.Ordinal)))
        {
            // Proto3 strings must be UTF-8. The parser cannot say which span or record held the bad string,
            // so the whole request is refused rather than guessing.
            throw new OtlpFormatException("Malformed OTLP protobuf: a string field is not valid UTF-8.", ex);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new OtlpFormatException($"Malformed OTLP protobuf: {ex.Message}", ex);
        }
    }
}
