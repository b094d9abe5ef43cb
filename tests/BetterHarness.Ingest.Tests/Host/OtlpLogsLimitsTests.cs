using System.Net;
using System.Net.Http.Headers;
using BetterHarness.Ingest.Otlp;
using BetterHarness.Testing;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using OpenTelemetry.Proto.Collector.Logs.V1;

namespace BetterHarness.Ingest.Tests.Host;

/// <summary>The request size limit and the in-flight budget apply to logs exactly as to traces.</summary>
public sealed class OtlpLogsLimitsTests
{
    private static ExportLogsServiceRequest LargeRequest()
    {
        var events = TestLogs.UserAndChoice(TestRequests.NewTraceId(), TestRequests.NewSpanId(), new string('q', 3000), "ok");
        return TestLogs.Request(events);
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_over_http_and_resource_exhausted_over_grpc()
    {
        await using var host = await IngestHost.StartAsync(settings: new() { ["BetterHarness:Ingest:MaxRequestBytes"] = "2048" });
        var request = LargeRequest();
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(OtlpContentTypes.Protobuf);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await host.Otlp.PostAsync("/v1/logs", content)).StatusCode);

        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{host.GrpcPort}");
        var rpc = await Assert.ThrowsAsync<RpcException>(() => new LogsService.LogsServiceClient(channel).ExportAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, rpc.StatusCode);
    }

    [Fact]
    public async Task Over_the_in_flight_budget_logs_get_429_with_retry_after()
    {
        await using var host = await IngestHost.StartAsync(settings: new() { ["BetterHarness:Ingest:MaxInFlightBytes"] = "2048" });
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var stalled = new BackpressureTests.StalledContent(LargeRequest().ToByteArray(), release, started);
        stalled.Headers.ContentType = new MediaTypeHeaderValue(OtlpContentTypes.Protobuf);
        var pending = host.Otlp.PostAsync("/v1/logs", stalled);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await BackpressureTests.WaitUntilAdmittedAsync(host);
        var throttled = await BackpressureTests.PostUntilThrottledAsync(host.Otlp, "/v1/logs", () =>
        {
            var second = new ByteArrayContent(LargeRequest().ToByteArray());
            second.Headers.ContentType = new MediaTypeHeaderValue(OtlpContentTypes.Protobuf);
            return second;
        });

        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        release.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await pending).StatusCode);
    }

    [Fact]
    public async Task With_api_keys_logs_without_a_valid_key_get_401_and_unauthenticated()
    {
        await using var host = await IngestHost.StartAsync(settings: new() { ["BetterHarness:ApiKeys:0"] = "s3cret" });
        var request = TestLogs.Request(TestLogs.UserAndChoice(TestRequests.NewTraceId(), TestRequests.NewSpanId(), "hi", "hello"));
        var anonymous = new ByteArrayContent(request.ToByteArray());
        anonymous.Headers.ContentType = new MediaTypeHeaderValue(OtlpContentTypes.Protobuf);
        var withKey = new ByteArrayContent(request.ToByteArray());
        withKey.Headers.ContentType = new MediaTypeHeaderValue(OtlpContentTypes.Protobuf);
        withKey.Headers.Add("X-Api-Key", "s3cret");

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Otlp.PostAsync("/v1/logs", anonymous)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Otlp.PostAsync("/v1/logs", withKey)).StatusCode);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{host.GrpcPort}");
        var rpc = await Assert.ThrowsAsync<RpcException>(() => new LogsService.LogsServiceClient(channel).ExportAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, rpc.StatusCode);
    }

    [Fact]
    public async Task Events_whose_span_never_arrives_are_kept_when_the_trace_completes_by_age()
    {
        await using var host = await IngestHost.StartAsync(settings: new() { ["BetterHarness:Ingest:MaxTraceAge"] = "00:00:01" });
        var traceId = TestRequests.NewTraceId();
        var request = TestLogs.Request(TestLogs.UserAndChoice(traceId, TestRequests.NewSpanId(), "Where is my bag?", "Your bag is in Oslo."));
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(OtlpContentTypes.Protobuf);
        Assert.Equal(HttpStatusCode.OK, (await host.Otlp.PostAsync("/v1/logs", content)).StatusCode);

        var trace = await host.WaitForTraceAsync(Convert.ToHexStringLower(traceId));

        // Without their span the two events share one millisecond and no call says which came first: both are kept.
        Assert.Equal(["assistant", "user"], trace["messages"]!.AsArray().Select(m => (string?)m!["role"]).Order());
        Assert.Equal("gen_ai events without their span", (string?)trace["spans"]![0]!["name"]);
    }
}
