using System.Net;
using System.Net.Http.Headers;
using BetterHarness.Contracts;
using BetterHarness.Testing;
using Google.Protobuf;

namespace BetterHarness.Integration.Tests;

/// <summary>Distributed mode on a real RabbitMQ: ingest publishes, a consumer in another host instance receives.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class DistributedIngestTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task Digest_published_by_ingest_is_consumed_by_another_host_over_rabbitmq()
    {
        var (request, traceId) = TestRequests.SimpleTrace();
        await using var sink = await MessageSink<TracesFlagged>.StartAsync(broker.Uri, m => m.Traces.Any(d => d.TraceId == traceId));
        await using var ingest = await IngestHost.StartAsync(settings: new()
        {
            ["BetterHarness:Transport"] = "rabbitmq",
            ["BetterHarness:RabbitMq"] = broker.Uri,
        });
        request.ResourceSpans[0].ScopeSpans[0].Spans[1].Status = new OpenTelemetry.Proto.Trace.V1.Status
        {
            Code = OpenTelemetry.Proto.Trace.V1.Status.Types.StatusCode.Error,
            Message = "model provider returned 500",
        };
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        Assert.Equal(HttpStatusCode.OK, (await ingest.Otlp.PostAsync("/v1/traces", content)).StatusCode);

        var batch = await sink.Received(TimeSpan.FromSeconds(30));

        var digest = batch.Traces.Single(d => d.TraceId == traceId);
        Assert.True(digest.Failed);
        Assert.Contains(digest.Signals, s => s.Kind == "error");
        Assert.Equal("test-service", digest.ServiceName);
    }
}
