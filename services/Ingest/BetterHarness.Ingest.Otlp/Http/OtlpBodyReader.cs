using System.IO.Compression;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BetterHarness.Ingest.Otlp;

/// <summary>
/// Turns an OTLP/HTTP request body into an <see cref="ExportTraceServiceRequest"/> or
/// <see cref="ExportLogsServiceRequest"/>: checks the
/// content type and encoding, inflates gzip under a size limit, and parses protobuf or JSON.
/// </summary>
public static class OtlpBodyReader
{
    /// <summary>Reads and parses the whole body.</summary>
    /// <param name="body">The request body; not disposed.</param>
    /// <param name="contentType">Content-Type header; parameters such as charset are ignored.</param>
    /// <param name="contentEncoding">Content-Encoding header: gzip, identity or none.</param>
    /// <param name="maxBytes">Largest body accepted after decompression.</param>
    /// <exception cref="OtlpUnsupportedContentTypeException">Content type or encoding not supported.</exception>
    /// <exception cref="OtlpPayloadTooLargeException">More than <paramref name="maxBytes"/> after decompression.</exception>
    /// <exception cref="OtlpFormatException">Corrupt gzip, protobuf or JSON.</exception>
    public static Task<ExportTraceServiceRequest> ReadAsync(
        Stream body,
        string? contentType,
        string? contentEncoding,
        long maxBytes = OtlpLimits.DefaultMaxRequestBytes,
        CancellationToken cancellationToken = default) =>
        ReadAsync(body, contentType, contentEncoding, maxBytes, json => OtlpJsonParser.Parse(json), OtlpProtobuf.Parse, cancellationToken);

    /// <summary>Reads and parses a whole OTLP logs body, with the same checks and errors as <see cref="ReadAsync(Stream, string?, string?, long, CancellationToken)"/>.</summary>
    public static Task<ExportLogsServiceRequest> ReadLogsAsync(
        Stream body,
        string? contentType,
        string? contentEncoding,
        long maxBytes = OtlpLimits.DefaultMaxRequestBytes,
        CancellationToken cancellationToken = default) =>
        ReadAsync(body, contentType, contentEncoding, maxBytes, json => OtlpJsonParser.ParseLogs(json), OtlpProtobuf.ParseLogs, cancellationToken);

    private delegate T Parser<out T>(ReadOnlySpan<byte> body);

    private static async Task<T> ReadAsync<T>(
        Stream body, string? contentType, string? contentEncoding, long maxBytes,
        Parser<T> parseJson, Parser<T> parseProtobuf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        // Checked before reading a byte, so a wrong client is told quickly and cheaply.
        if (!OtlpContentTypes.TryGetFormat(contentType, out var format))
        {
            throw OtlpUnsupportedContentTypeException.ForContentType(contentType);
        }
        var gzip = IsGzip(contentEncoding);

        using var buffer = gzip
            ? await ReadGzipAsync(body, maxBytes, cancellationToken).ConfigureAwait(false)
            : await PooledBody.ReadAsync(body, maxBytes, LengthHint(body), cancellationToken).ConfigureAwait(false);
        return format == OtlpPayloadFormat.Json ? parseJson(buffer.Span) : parseProtobuf(buffer.Span);
    }

    private static bool IsGzip(string? contentEncoding)
    {
        var encoding = contentEncoding.AsSpan().Trim();
        if (encoding.IsEmpty || encoding.Equals(OtlpContentTypes.IdentityEncoding, StringComparison.OrdinalIgnoreCase)) return false;
        if (encoding.Equals(OtlpContentTypes.GzipEncoding, StringComparison.OrdinalIgnoreCase)
            || encoding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        throw OtlpUnsupportedContentTypeException.ForContentEncoding(contentEncoding!);
    }

    private static async Task<PooledBody> ReadGzipAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        await using var inflater = new GZipStream(body, CompressionMode.Decompress, leaveOpen: true);
        try
        {
            // The limit applies to inflated bytes as they are produced, so a bomb stops at maxBytes.
            return await PooledBody.ReadAsync(inflater, maxBytes, sizeHint: 0, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw new OtlpFormatException($"Corrupt gzip body: {ex.Message}", ex);
        }
    }

    private static long LengthHint(Stream body)
    {
        try
        {
            return body.CanSeek ? body.Length - body.Position : 0;
        }
        catch (NotSupportedException)
        {
            return 0;
        }
    }
}
