namespace BetterHarness.Ingest.Otlp;

/// <summary>The two OTLP/HTTP payload formats; a receiver replies in the format it was sent.</summary>
public enum OtlpPayloadFormat { Protobuf, Json }

/// <summary>Media types and encodings of OTLP/HTTP, and how a Content-Type header maps to a format.</summary>
public static class OtlpContentTypes
{
    public const string Protobuf = "application/x-protobuf";
    public const string Json = "application/json";
    public const string GzipEncoding = "gzip";
    public const string IdentityEncoding = "identity";

    /// <summary>
    /// Maps a Content-Type header to a payload format, ignoring parameters such as charset and case.
    /// "application/protobuf" is accepted too: some exporters send the unprefixed form.
    /// </summary>
    public static bool TryGetFormat(string? contentType, out OtlpPayloadFormat format)
    {
        var media = MediaType(contentType);
        if (media.Equals(Protobuf, StringComparison.OrdinalIgnoreCase)
            || media.Equals("application/protobuf", StringComparison.OrdinalIgnoreCase))
        {
            format = OtlpPayloadFormat.Protobuf;
            return true;
        }
        format = OtlpPayloadFormat.Json;
        return media.Equals(Json, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The Content-Type to answer with for a request of the given format.</summary>
    public static string For(OtlpPayloadFormat format) => format == OtlpPayloadFormat.Protobuf ? Protobuf : Json;

    private static ReadOnlySpan<char> MediaType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return default;
        var span = contentType.AsSpan();
        var semicolon = span.IndexOf(';');
        return (semicolon >= 0 ? span[..semicolon] : span).Trim();
    }
}
