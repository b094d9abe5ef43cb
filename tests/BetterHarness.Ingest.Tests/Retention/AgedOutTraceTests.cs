using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Testing;
using Google.Protobuf;

namespace BetterHarness.Ingest.Tests.Retention;

/// <summary>Over the API: a retention pass run on request, and a trace that aged out answered 410 Gone, not 404 or 500.</summary>
public sealed class AgedOutTraceTests
{
    [Fact]
    public async Task A_trace_that_aged_out_answers_410_with_when_and_an_unknown_one_still_404()
    {
        // 0.00001 days = 0.86 s: the trace ages out a second after it completes.
        await using var host = await IngestHost.StartAsync(settings: new() { ["BetterHarness:Retention:Traces"] = "0.00001" });
        var (request, traceId) = TestRequests.SimpleTrace();
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        Assert.Equal(HttpStatusCode.OK, (await host.Otlp.PostAsync("/v1/traces", content)).StatusCode);
        await host.WaitForTraceAsync(traceId);
        await Task.Delay(1200);

        var pass = (await (await host.Api.PostAsync("/api/traces/retention", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, (int)pass["traces"]!);
        Assert.Equal(2, (long)pass["spans"]!);

        var gone = await host.Api.GetAsync($"/api/traces/{traceId}");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        var body = (await gone.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True((bool)body["agedOut"]!);
        Assert.Contains("aged out", (string)body["error"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Api.GetAsync($"/api/traces/{new string('a', 32)}")).StatusCode);

        var settings = (await host.Api.GetFromJsonAsync<JsonObject>("/api/traces/retention"))!;
        Assert.Equal(0.00001, (double)settings["days"]!);
        Assert.Equal(1, (int)settings["lastPass"]!["traces"]!);
    }
}
