namespace BetterHarness.Ingest.Otlp;

/// <summary>
/// The Content-Type or Content-Encoding is not one OTLP/HTTP allows (HTTP 415). One type for both
/// because a receiver answers both the same way; <see cref="ContentEncoding"/> tells them apart.
/// </summary>
public sealed class OtlpUnsupportedContentTypeException : OtlpException
{
    private OtlpUnsupportedContentTypeException(string message, string? contentType, string? contentEncoding)
        : base(message)
    {
        ContentType = contentType;
        ContentEncoding = contentEncoding;
    }

    /// <summary>The rejected Content-Type, or null when the encoding was the problem.</summary>
    public string? ContentType { get; }

    /// <summary>The rejected Content-Encoding, or null when the content type was the problem.</summary>
    public string? ContentEncoding { get; }

    internal static OtlpUnsupportedContentTypeException ForContentType(string? contentType) => new(
        $"Unsupported Content-Type '{contentType ?? "(none)"}'; use {OtlpContentTypes.Protobuf} or {OtlpContentTypes.Json}.",
        contentType, null);

    internal static OtlpUnsupportedContentTypeException ForContentEncoding(string contentEncoding) => new(
        $"Unsupported Content-Encoding '{contentEncoding}'; use {OtlpContentTypes.GzipEncoding} or send the body uncompressed.",
        null, contentEncoding);
}
