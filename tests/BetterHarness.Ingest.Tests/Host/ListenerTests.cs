using System.Net;
using System.Net.Http.Headers;
using BetterHarness.Testing;
using Google.Protobuf;

namespace BetterHarness.Ingest.Tests.Host;

/// <summary>Each listener serves its own routes: the API on the API listener, OTLP on the OTLP listeners.</summary>
public sealed class ListenerTests : IAsyncLifetime
{
    private IngestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Api_is_not_served_on_the_otlp_listener()
    {
        var (request, traceId) = TestRequests.SimpleTrace();
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        Assert.Equal(HttpStatusCode.OK, (await _host.Otlp.PostAsync("/v1/traces", content)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _host.Otlp.GetAsync($"/api/traces/{traceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Otlp.GetAsync("/api/clusters")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Otlp.GetAsync("/api/candidates")).StatusCode);
        Assert.NotEqual(HttpStatusCode.NotFound, (await _host.Api.GetAsync($"/api/traces/{traceId}")).StatusCode);
    }

    [Fact]
    public async Task Otlp_and_feedback_are_not_served_on_the_api_listener()
    {
        var (request, _) = TestRequests.SimpleTrace();
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");

        var response = await _host.Api.PostAsync("/v1/traces", content);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not served on this listener", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Api.PostAsync("/v1/feedback", new StringContent("{}"))).StatusCode);
    }

    [Fact]
    public async Task Health_answers_on_every_listener()
    {
        Assert.True((await _host.Api.GetAsync("/health/live")).IsSuccessStatusCode);
        Assert.True((await _host.Otlp.GetAsync("/health/live")).IsSuccessStatusCode);
    }
}
