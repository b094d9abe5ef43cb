using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

using BetterHarness.Ingest.Receiving;
using BetterHarness.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Ingest.Tests.Host;

public sealed class BackpressureTests
{
    /// <summary>Streams part of a body, then waits until released: holds admission open deterministically.</summary>
    internal sealed class StalledContent(byte[] body, TaskCompletionSource release, TaskCompletionSource started) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(body.AsMemory(0, 10));
            await stream.FlushAsync();
            started.TrySetResult();
            await release.Task;
            await stream.WriteAsync(body.AsMemory(10));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }

    [Fact]
    public async Task Over_the_in_flight_budget_requests_get_429_with_retry_after_and_the_first_completes()
    {
        await using var host = await IngestHost.StartAsync(settings: new() { ["BetterHarness:Ingest:MaxInFlightBytes"] = "2048" });
        var (first, firstTrace) = TestRequests.SimpleTrace();
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var stalled = new StalledContent(first.ToByteArray(), release, started);
        stalled.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        var pending = host.Otlp.PostAsync("/v1/traces", stalled);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await WaitUntilAdmittedAsync(host);
        var throttled = await PostUntilThrottledAsync(host.Otlp, "/v1/traces", () =>
        {
            var second = new ByteArrayContent(TestRequests.SimpleTrace().Request.ToByteArray());
            second.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            return second;
        });

        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        release.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await pending).StatusCode);
        await host.WaitForTraceAsync(firstTrace);
    }

    /// <summary>
    /// The stalled request has started sending, but the server admits it a moment later: until then a second
    /// request still fits the budget and is (harmlessly) accepted. Polls instead of guessing that moment.
    /// </summary>
    internal static async Task<HttpResponseMessage> PostUntilThrottledAsync(HttpClient client, string path, Func<HttpContent> body)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await client.PostAsync(path, body());
            if (response.StatusCode == (HttpStatusCode)429 || DateTime.UtcNow > deadline) return response;
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Waits until the server has admitted the stalled request (its bytes count against the budget). On a loaded
    /// machine that can take seconds after the client started sending; requests posted before it are accepted, and
    /// if the stall then outlasts Kestrel's minimum body data rate the stalled request is dropped and nothing is
    /// ever throttled. So the requests meant to be throttled are posted only once it is in.
    /// </summary>
    internal static async Task WaitUntilAdmittedAsync(IngestHost host)
    {
        var admission = host.Services.GetRequiredService<AdmissionControl>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (admission.InFlightBytes == 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the stalled request was not admitted within 30 s");
            await Task.Delay(10);
        }
    }
}
