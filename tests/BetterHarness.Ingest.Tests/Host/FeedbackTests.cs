using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Google.Protobuf;

using BetterHarness.Testing;

namespace BetterHarness.Ingest.Tests.Host;

public sealed class FeedbackTests : IAsyncLifetime
{
    private IngestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> SendTraceAsync()
    {
        var (request, traceId) = TestRequests.SimpleTrace();
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        (await _host.Otlp.PostAsync("/v1/traces", content)).EnsureSuccessStatusCode();
        return traceId;
    }

    [Fact]
    public async Task Late_negative_feedback_re_evaluates_the_completed_trace()
    {
        var traceId = await SendTraceAsync();
        var first = await _host.WaitForTraceAsync(traceId);
        Assert.DoesNotContain(first["signals"]!.AsArray(), s => (string?)s!["kind"] == "negative_feedback");

        var response = await _host.Otlp.PostAsJsonAsync("/v1/feedback",
            new { traceId, score = 0.0, label = "thumbs_down", comment = "wrong flight", correction = "book the cheapest one" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var second = await _host.WaitForTraceAsync(traceId, revision: 2);
        Assert.Contains(second["signals"]!.AsArray(), s => (string?)s!["kind"] == "negative_feedback");
        var listed = await _host.Api.GetStringAsync("/api/traces?signal=negative_feedback");
        Assert.Contains(traceId, listed);
    }

    [Fact]
    public async Task Feedback_for_unknown_trace_is_404()
    {
        var response = await _host.Otlp.PostAsJsonAsync("/v1/feedback", new { traceId = new string('a', 32), score = 0.0 });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"traceId":"xyz","score":0}""")]
    [InlineData("""{"traceId":"0102030405060708090a0b0c0d0e0f10"}""")]
    [InlineData("""{"traceId":""")]
    public async Task Malformed_feedback_is_400_with_reason(string body)
    {
        var response = await _host.Otlp.PostAsync("/v1/feedback", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("error", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Duplicate_feedback_delivery_changes_nothing()
    {
        var traceId = await SendTraceAsync();
        await _host.WaitForTraceAsync(traceId);
        var feedback = new { traceId, score = 0.1, id = "fb-1" };
        Assert.Equal(HttpStatusCode.Accepted, (await _host.Otlp.PostAsJsonAsync("/v1/feedback", feedback)).StatusCode);
        await _host.WaitForTraceAsync(traceId, revision: 2);
        Assert.Equal(HttpStatusCode.Accepted, (await _host.Otlp.PostAsJsonAsync("/v1/feedback", feedback)).StatusCode);
        await Task.Delay(600);
        var trace = await _host.WaitForTraceAsync(traceId, revision: 2);
        Assert.Equal(2, (int)trace["revision"]!);
    }

    [Fact]
    public async Task Feedback_id_reused_for_another_trace_is_409()
    {
        var first = await SendTraceAsync();
        var second = await SendTraceAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await _host.Otlp.PostAsJsonAsync("/v1/feedback", new { traceId = first, score = 0.0, id = "fb-shared" })).StatusCode);
        var conflict = await _host.Otlp.PostAsJsonAsync("/v1/feedback", new { traceId = second, score = 0.0, id = "fb-shared" });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
    }

    [Fact]
    public async Task Chunked_feedback_over_the_size_limit_is_413_and_stores_nothing()
    {
        var traceId = await SendTraceAsync();
        await _host.WaitForTraceAsync(traceId);
        var comment = new string('x', 20 * 1024 * 1024);
        // A stream of unknown length makes HttpClient send it chunked, with no Content-Length to check up front.
        var json = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { traceId, score = 0.0, comment }));
        var content = new StreamContent(new UnknownLengthStream(json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await _host.Otlp.PostAsync("/v1/feedback", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(response.Headers.ConnectionClose, "the unread rest of the body makes the connection unusable");
        Assert.Null(content.Headers.ContentLength);
        var trace = await _host.Api.GetStringAsync($"/api/traces/{traceId}");
        Assert.True(trace.Length < 100_000, $"the trace view is {trace.Length} bytes");
    }

    /// <summary>A read-only stream that does not say how long it is.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
