using System.Net;
using System.Net.Http.Headers;
using BetterHarness.Contracts;
using BetterHarness.Testing;
using Google.Protobuf;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BetterHarness.Integration.Tests;

/// <summary>Distributed mode on a real RabbitMQ: ingest publishes, a consumer in another host instance receives.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class DistributedIngestTests(RabbitMqBroker broker)
{
    private sealed class DigestSink
    {
        public TaskCompletionSource<TraceDigest> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string? Expected { get; set; }
    }

    private sealed class SinkConsumer(DigestSink sink) : IConsumer<TracesFlagged>
    {
        public Task Consume(ConsumeContext<TracesFlagged> context)
        {
            foreach (var d in context.Message.Traces.Where(d => d.TraceId == sink.Expected)) sink.Received.TrySetResult(d);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Digest_published_by_ingest_is_consumed_by_another_host_over_rabbitmq()
    {
        var sink = new DigestSink();
        using var consumerHost = Microsoft.Extensions.Hosting.Host.CreateDefaultBuilder()
            .ConfigureServices(services =>
            {
                services.AddSingleton(sink);
                services.AddMassTransit(x =>
                {
                    x.AddConsumer<SinkConsumer>();
                    x.UsingRabbitMq((ctx, cfg) =>
                    {
                        cfg.Host(new Uri(broker.Uri));
                        cfg.ReceiveEndpoint("it-sink-" + Guid.NewGuid().ToString("N"), e =>
                        {
                            e.AutoDelete = true;
                            e.Durable = false;
                            e.ConfigureConsumer<SinkConsumer>(ctx);
                        });
                    });
                });
            }).Build();
        await consumerHost.StartAsync();

        await using var ingest = await IngestHost.StartAsync(settings: new()
        {
            ["BetterHarness:Transport"] = "rabbitmq",
            ["BetterHarness:RabbitMq"] = broker.Uri,
        });
        var (request, traceId) = TestRequests.SimpleTrace();
        request.ResourceSpans[0].ScopeSpans[0].Spans[1].Status = new OpenTelemetry.Proto.Trace.V1.Status
        {
            Code = OpenTelemetry.Proto.Trace.V1.Status.Types.StatusCode.Error,
            Message = "model provider returned 500",
        };
        sink.Expected = traceId;
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        Assert.Equal(HttpStatusCode.OK, (await ingest.Otlp.PostAsync("/v1/traces", content)).StatusCode);

        var digest = await sink.Received.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(digest.Failed);
        Assert.Contains(digest.Signals, s => s.Kind == "error");
        Assert.Equal("test-service", digest.ServiceName);
        await consumerHost.StopAsync();
    }
}
