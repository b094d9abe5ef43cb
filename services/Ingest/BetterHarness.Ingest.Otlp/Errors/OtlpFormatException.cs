namespace BetterHarness.Ingest.Otlp;

/// <summary>The payload is not a well-formed OTLP message (HTTP 400 / gRPC INVALID_ARGUMENT).</summary>
public sealed class OtlpFormatException(string message, Exception? inner = null) : OtlpException(message, inner);
