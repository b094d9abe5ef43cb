using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Testing;
using Google.Protobuf;

namespace BetterHarness.Integration.Tests;

/// <summary>
/// The clustering flow on a real RabbitMQ: ingest flags a failed trace, the clustering consumer receives it
/// over the broker and stores it, a re-clustering assigns it, and the API serves the cluster and assignment.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class ClusteringFlowTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task Failed_trace_travels_over_rabbitmq_to_clustering_and_gets_a_cluster()
    {
        await using var host = await IngestHost.StartAsync(settings: new()
        {
            ["BetterHarness:Transport"] = "rabbitmq",
            ["BetterHarness:RabbitMq"] = broker.Uri,
            // One failure is a group of one; below the default minimum size it would be pooled as an outlier.
            ["BetterHarness:Clustering:MinClusterSize"] = "1",
        });
        var (request, traceId) = TestRequests.SimpleTrace();
        request.ResourceSpans[0].ScopeSpans[0].Spans[1].Status = new OpenTelemetry.Proto.Trace.V1.Status
        {
            Code = OpenTelemetry.Proto.Trace.V1.Status.Types.StatusCode.Error,
            Message = "model provider returned 500 for request 8812",
        };
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        Assert.Equal(HttpStatusCode.OK, (await host.Otlp.PostAsync("/v1/traces", content)).StatusCode);

        await WaitUntilAsync(async () => (await host.Api.GetAsync($"/api/clusters/assignments/{traceId}")).StatusCode == HttpStatusCode.OK);
        var recluster = await host.Api.PostAsync("/api/clusters/recluster", null);
        Assert.Equal(HttpStatusCode.OK, recluster.StatusCode);

        var lookup = await host.Api.GetFromJsonAsync<JsonObject>($"/api/clusters/assignments/{traceId}");
        var clusterId = (string?)lookup!["clusterId"];
        Assert.NotNull(clusterId);
        var lines = (await host.Api.GetStringAsync("/api/clusters/assignments")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains(traceId) && l.Contains(clusterId));
        var cluster = await host.Api.GetFromJsonAsync<JsonObject>($"/api/clusters/{clusterId}");
        Assert.Equal("error", (string?)cluster!["cluster"]!["dominantSignal"]);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the flagged trace did not reach the clustering service within 60 s");
            await Task.Delay(200);
        }
    }
}
