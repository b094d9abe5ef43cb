namespace BetterHarness.Ingest.Otlp;

/// <summary>
/// The body, after decompression, exceeds the configured limit (HTTP 413 / gRPC RESOURCE_EXHAUSTED).
/// Raised while reading, as soon as the limit is crossed, so a gzip bomb never inflates fully.
/// </summary>
public sealed class OtlpPayloadTooLargeException(long limitBytes)
    : OtlpException($"Request body exceeds the limit of {limitBytes} bytes after decompression; send smaller batches.")
{
    public long LimitBytes { get; } = limitBytes;
}
