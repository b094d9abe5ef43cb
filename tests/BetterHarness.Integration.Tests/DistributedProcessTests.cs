using System.Net;
using System.Net.Http.Headers;
using BetterHarness.Contracts;
using BetterHarness.Testing;
using Google.Protobuf;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BetterHarness.Integration.Tests;

/// <summary>`bh run ingest` as its own process on RabbitMQ; the consumer lives in this (another) process.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class DistributedProcessTests(RabbitMqBroker broker)
{
    private sealed class Sink
    {
        public string? Expected { get; set; }
        public TaskCompletionSource<TraceDigest> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class SinkConsumer(Sink sink) : IConsumer<TracesFlagged>
    {
        public Task Consume(ConsumeContext<TracesFlagged> context)
        {
            foreach (var d in context.Message.Traces.Where(d => d.TraceId == sink.Expected)) sink.Received.TrySetResult(d);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Ingest_process_on_rabbitmq_publishes_digests_another_process_consumes()
    {
        var sink = new Sink();
        using var consumer = Microsoft.Extensions.Hosting.Host.CreateDefaultBuilder()
            .ConfigureServices(s =>
            {
                s.AddSingleton(sink);
                s.AddMassTransit(x =>
                {
                    x.AddConsumer<SinkConsumer>();
                    x.UsingRabbitMq((ctx, cfg) =>
                    {
                        cfg.Host(new Uri(broker.Uri));
                        cfg.ReceiveEndpoint("it-process-sink-" + Guid.NewGuid().ToString("N"), e =>
                        {
                            e.AutoDelete = true;
                            e.Durable = false;
                            e.ConfigureConsumer<SinkConsumer>(ctx);
                        });
                    });
                });
            }).Build();
        await consumer.StartAsync();

        int api = IngestHost.FreePort(), grpc = IngestHost.FreePort(), http = IngestHost.FreePort();
        using var ingest = BhProcess.Start("run", "ingest", "--rabbitmq", broker.Uri,
            "--data-dir", Path.Combine(Path.GetTempPath(), "bh-dist-" + Guid.NewGuid().ToString("N")),
            "--api", $"127.0.0.1:{api}", "--otlp-grpc", $"127.0.0.1:{grpc}", "--otlp-http", $"127.0.0.1:{http}",
            "--quiet-window", "00:00:00.300");
        await ingest.WaitHealthyAsync(api);

        var (request, traceId) = TestRequests.SimpleTrace();
        request.ResourceSpans[0].ScopeSpans[0].Spans[0].Status = new OpenTelemetry.Proto.Trace.V1.Status
        {
            Code = OpenTelemetry.Proto.Trace.V1.Status.Types.StatusCode.Error,
            Message = "agent crashed",
        };
        sink.Expected = traceId;
        using var otlp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}") };
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        Assert.Equal(HttpStatusCode.OK, (await otlp.PostAsync("/v1/traces", content)).StatusCode);

        var digest = await sink.Received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(digest.Failed);
        Assert.Equal(traceId, digest.TraceId);
        await ingest.KillAsync();
        await consumer.StopAsync();
    }
}
