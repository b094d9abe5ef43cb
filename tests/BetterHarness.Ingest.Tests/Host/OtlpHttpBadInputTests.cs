using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Trace.V1;

using BetterHarness.Testing;

namespace BetterHarness.Ingest.Tests.Host;

/// <summary>Bad input over real OTLP/HTTP: clear errors, no crash, valid spans of the same request kept.</summary>
public sealed class OtlpHttpBadInputTests : IAsyncLifetime
{
    private IngestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(byte[] body, string contentType, string? encoding = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (encoding is not null) content.Headers.ContentEncoding.Add(encoding);
        return _host.Otlp.PostAsync("/v1/traces", content);
    }

    [Fact]
    public async Task Truncated_protobuf_is_rejected_with_400()
    {
        var bytes = TestRequests.SimpleTrace().Request.ToByteArray();
        var response = await PostAsync(bytes[..(bytes.Length / 2)], "application/x-protobuf");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Unsupported_content_type_is_rejected_with_415()
    {
        var response = await PostAsync("hello"u8.ToArray(), "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Gzip_bomb_is_rejected_with_413_while_inflating()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 100; i++) gzip.Write(zeros); // 100 MiB inflated, well over 64 MiB
        }
        var response = await PostAsync(compressed.ToArray(), "application/x-protobuf", "gzip");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Gzip_json_request_is_accepted_and_answered_in_json()
    {
        var (request, traceId) = TestRequests.SimpleTrace();
        var json = Encoding.UTF8.GetBytes(BetterHarness.Ingest.Otlp.OtlpJsonWriter.WriteRequest(request));
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(json);
        var response = await PostAsync(compressed.ToArray(), "application/json", "gzip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        await _host.WaitForTraceAsync(traceId);
    }

    [Fact]
    public async Task Invalid_span_ids_are_rejected_as_partial_success_and_valid_spans_stored()
    {
        var (request, traceId) = TestRequests.SimpleTrace();
        var spans = request.ResourceSpans[0].ScopeSpans[0].Spans;
        var bad = spans[1].Clone();
        bad.SpanId = ByteString.CopyFrom(new byte[8]); // all-zero span id is invalid
        var badTrace = spans[1].Clone();
        badTrace.TraceId = ByteString.CopyFrom(new byte[5]); // wrong length
        spans.Add(bad);
        spans.Add(badTrace);

        var response = await PostAsync(request.ToByteArray(), "application/x-protobuf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, answer.PartialSuccess.RejectedSpans);
        Assert.False(string.IsNullOrEmpty(answer.PartialSuccess.ErrorMessage));
        var trace = await _host.WaitForTraceAsync(traceId);
        Assert.Equal(2, (int)trace["spanCount"]!);
    }

    [Fact]
    public async Task Invalid_utf8_in_protobuf_string_is_rejected_with_400()
    {
        var (request, _) = TestRequests.SimpleTrace();
        request.ResourceSpans[0].ScopeSpans[0].Spans[0].Name = "MARKER";
        var bytes = request.ToByteArray();
        var at = bytes.AsSpan().IndexOf("MARKER"u8);
        bytes[at] = 0xC3; bytes[at + 1] = 0x28; // invalid two-byte sequence
        var response = await PostAsync(bytes, "application/x-protobuf");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Deeply_nested_json_is_rejected_with_400()
    {
        var depth = 5000;
        var nested = new StringBuilder();
        for (var i = 0; i < depth; i++) nested.Append("{\"arrayValue\":{\"values\":[");
        nested.Append("{\"stringValue\":\"x\"}");
        for (var i = 0; i < depth; i++) nested.Append("]}}");
        var json = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"0102030405060708090a0b0c0d0e0f10\",\"spanId\":\"0102030405060708\",\"name\":\"x\",\"startTimeUnixNano\":\"1\",\"endTimeUnixNano\":\"2\",\"attributes\":[{\"key\":\"deep\",\"value\":" + nested + "}]}]}]}]}";
        var response = await PostAsync(Encoding.UTF8.GetBytes(json), "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.False(string.IsNullOrEmpty((string?)error!["message"]));
    }

    [Fact]
    public async Task Retried_duplicate_batch_creates_no_duplicates()
    {
        var (request, traceId) = TestRequests.SimpleTrace();
        var bytes = request.ToByteArray();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(bytes, "application/x-protobuf")).StatusCode);
        var trace = await _host.WaitForTraceAsync(traceId);
        Assert.Equal(2, (int)trace["spanCount"]!);
        Assert.Equal(1, (int)trace["revision"]!);
    }

    [Fact]
    public async Task Span_resent_in_a_differently_composed_batch_counts_once()
    {
        var (request, traceId) = TestRequests.SimpleTrace();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(request.ToByteArray(), "application/x-protobuf")).StatusCode);
        var child = request.ResourceSpans[0].ScopeSpans[0].Spans[1];
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(TestRequests.Request(child).ToByteArray(), "application/x-protobuf")).StatusCode);
        var trace = await _host.WaitForTraceAsync(traceId);
        Assert.Equal(2, (int)trace["spanCount"]!);
    }

    [Fact]
    public async Task Service_keeps_serving_after_bad_requests()
    {
        await PostAsync([0xFF, 0xFF, 0xFF], "application/x-protobuf");
        await PostAsync("{not json"u8.ToArray(), "application/json");
        var (request, traceId) = TestRequests.SimpleTrace();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(request.ToByteArray(), "application/x-protobuf")).StatusCode);
        await _host.WaitForTraceAsync(traceId);
    }
}
