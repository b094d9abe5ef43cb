using System.Net;
using System.Net.Http.Headers;
using BetterHarness.Contracts;
using BetterHarness.Testing;
using Google.Protobuf;

namespace BetterHarness.Integration.Tests;

/// <summary>`bh run ingest` as its own process on RabbitMQ; the consumer lives in this (another) process.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class DistributedProcessTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task Ingest_process_on_rabbitmq_publishes_digests_another_process_consumes()
    {
        var (request, traceId) = TestRequests.SimpleTrace();
        await using var sink = await MessageSink<TracesFlagged>.StartAsync(broker.Uri, m => m.Traces.Any(d => d.TraceId == traceId));
        int api = IngestHost.FreePort(), grpc = IngestHost.FreePort(), http = IngestHost.FreePort();
        using var ingest = BhProcess.Start(BhProcess.OwnQueues(), "run", "ingest", "--rabbitmq", broker.Uri,
            "--data-dir", Path.Combine(Path.GetTempPath(), "bh-dist-" + Guid.NewGuid().ToString("N")),
            "--api", $"127.0.0.1:{api}", "--otlp-grpc", $"127.0.0.1:{grpc}", "--otlp-http", $"127.0.0.1:{http}",
            "--quiet-window", "00:00:00.300");
        await ingest.WaitHealthyAsync(api);

        request.ResourceSpans[0].ScopeSpans[0].Spans[0].Status = new OpenTelemetry.Proto.Trace.V1.Status
        {
            Code = OpenTelemetry.Proto.Trace.V1.Status.Types.StatusCode.Error,
            Message = "agent crashed",
        };
        using var otlp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}") };
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        Assert.Equal(HttpStatusCode.OK, (await otlp.PostAsync("/v1/traces", content)).StatusCode);

        var batch = await sink.Received(TimeSpan.FromSeconds(30));
        Assert.True(batch.Traces.Single(d => d.TraceId == traceId).Failed);
        await ingest.KillAsync();
    }
}
