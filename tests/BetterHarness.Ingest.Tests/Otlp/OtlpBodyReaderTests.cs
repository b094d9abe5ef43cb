using System.IO.Compression;
using BetterHarness.Ingest.Otlp;
using Google.Protobuf;
using static BetterHarness.Ingest.Tests.Otlp.OtlpSamples;

namespace BetterHarness.Ingest.Tests.Otlp;

public sealed class OtlpBodyReaderTests
{
    private const long Limit = 64L * 1024 * 1024;

    // Compressing 200 MiB takes a moment; share the bomb between tests.
    private static readonly Lazy<byte[]> GzipBomb = new(() => Gzip(new byte[200 * 1024 * 1024]));

    [Fact]
    public async Task Reads_a_protobuf_body()
    {
        var request = Request(Span("a"), Span("b", seed: 2));

        var parsed = await Read(request.ToByteArray(), "application/x-protobuf", null);

        Assert.Equal(request, parsed);
    }

    [Fact]
    public async Task Reads_a_json_body_ignoring_content_type_parameters()
    {
        var request = Request(Span("a"));

        var parsed = await Read(OtlpJsonWriter.WriteRequestUtf8(request), "Application/JSON; charset=utf-8", "identity");

        Assert.Equal(request, parsed);
    }

    [Fact]
    public async Task Reads_a_gzip_body()
    {
        var request = Request(Span("a"));

        var parsed = await Read(Gzip(request.ToByteArray()), OtlpContentTypes.Protobuf, "gzip");

        Assert.Equal(request, parsed);
    }

    [Fact]
    public async Task Stops_a_gzip_bomb_at_the_limit_without_inflating_it_all()
    {
        var bomb = GzipBomb.Value;
        // Position shows how much compressed input the reader pulled before it gave up.
        using var body = new MemoryStream(bomb);

        var error = await Assert.ThrowsAsync<OtlpPayloadTooLargeException>(() =>
            OtlpBodyReader.ReadAsync(body, OtlpContentTypes.Protobuf, "gzip", Limit, CancellationToken.None));

        Assert.Equal(Limit, error.LimitBytes);
        Assert.True(body.Position < bomb.Length * 0.5, $"read {body.Position} of {bomb.Length} compressed bytes");
    }

    [Fact]
    public async Task Rejects_an_uncompressed_body_over_the_limit()
    {
        await Assert.ThrowsAsync<OtlpPayloadTooLargeException>(() =>
            OtlpBodyReader.ReadAsync(new MemoryStream(new byte[2048]), OtlpContentTypes.Protobuf, null, 1024, CancellationToken.None));
    }

    [Fact]
    public async Task Rejects_a_truncated_protobuf_body_as_malformed()
    {
        var bytes = Request(Span("a"), Span("b", seed: 2)).ToByteArray();

        var error = await Assert.ThrowsAsync<OtlpFormatException>(() => Read(bytes[..^5], OtlpContentTypes.Protobuf, null));

        Assert.Contains("truncated protobuf message", error.Message);
    }

    [Fact]
    public async Task Rejects_invalid_utf8_in_a_protobuf_string_as_malformed()
    {
        var bytes = Request(Span("@@MARK@@")).ToByteArray();
        var at = bytes.AsSpan().IndexOf("@@MARK@@"u8);
        bytes[at] = 0xFF;
        bytes[at + 1] = 0xFE;

        var error = await Assert.ThrowsAsync<OtlpFormatException>(() => Read(bytes, OtlpContentTypes.Protobuf, null));

        Assert.Contains("UTF-8", error.Message);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task Rejects_an_unsupported_content_type(string? contentType)
    {
        var error = await Assert.ThrowsAsync<OtlpUnsupportedContentTypeException>(() => Read([], contentType, null));

        Assert.Contains("application/x-protobuf", error.Message);
    }

    [Fact]
    public async Task Rejects_an_unsupported_content_encoding()
    {
        var error = await Assert.ThrowsAsync<OtlpUnsupportedContentTypeException>(() => Read([], OtlpContentTypes.Protobuf, "br"));

        Assert.Equal("br", error.ContentEncoding);
    }

    [Fact]
    public async Task Rejects_a_corrupt_gzip_body_as_malformed()
    {
        await Assert.ThrowsAsync<OtlpFormatException>(() => Read([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8], OtlpContentTypes.Json, "gzip"));
    }

    private static Task<OpenTelemetry.Proto.Collector.Trace.V1.ExportTraceServiceRequest> Read(byte[] body, string? type, string? encoding) =>
        OtlpBodyReader.ReadAsync(new MemoryStream(body), type, encoding, Limit, CancellationToken.None);

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(data);
        return output.ToArray();
    }
}
