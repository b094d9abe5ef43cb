using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Contracts;
using BetterHarness.Curation;
using BetterHarness.Mining;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Integration.Tests;

/// <summary>
/// Distributed mode on a real RabbitMQ: mining in one host, curation in another. A flagged digest becomes a
/// candidate in mining; curation queues it from EvalCandidateProposed, which carries the case whole (curation has no
/// way to reach mining here), and accepting it publishes the new snapshot on the broker.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class CurationFlowTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task A_candidate_mined_in_one_process_is_reviewed_and_accepted_in_another()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..8];
        int miningPort = IngestHost.FreePort(), curationPort = IngestHost.FreePort();
        await using var mining = await Start(new MiningModule(), miningPort, prefix, []);
        await using var curation = await Start(new CurationModule(), curationPort, prefix, []);
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{curationPort}") };
        var traceId = Guid.NewGuid().ToString("N");
        await using var sink = await MessageSink<EvalSetChanged>.StartAsync(broker.Uri, m => m.Agent == "flow-agent");

        await mining.Services.GetRequiredService<IBus>().Publish(new TracesFlagged { BatchId = Guid.NewGuid(), Traces = [Digest(traceId)] });

        var item = await Poll(async () =>
        {
            var items = (await api.GetFromJsonAsync<JsonObject>("/api/review?agent=flow-agent"))!["items"]!.AsArray();
            return items.FirstOrDefault(i => (bool)i!["fetched"]!) as JsonObject;
        });
        Assert.Equal("flow-agent", (string)item["agent"]!);
        var candidateId = (string)item["candidateId"]!;
        var detail = (await api.GetFromJsonAsync<JsonObject>($"/api/review/{candidateId}"))!;
        Assert.Equal(traceId, (string)detail["candidate"]!["provenance"]!["sources"]![0]!["traceId"]!);

        var accepted = await api.PostAsJsonAsync($"/api/review/{candidateId}/accept", new { mustPass = true });
        var body = (await accepted.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(accepted.IsSuccessStatusCode, body.ToJsonString());
        var changed = await sink.Received(TimeSpan.FromSeconds(30));
        Assert.Equal((string)body["snapshotId"]!, changed.SnapshotId);
        Assert.Equal(1, changed.CaseCount);
        var stored = (await api.GetFromJsonAsync<JsonObject>($"/api/evals/{body["caseId"]}"))!;
        Assert.Equal("flow-agent", (string)stored["agent"]!);
        Assert.True((bool)stored["mustPass"]!);
    }

    private async Task<StartedHost> Start(ServiceModule module, int port, string prefix, Dictionary<string, string?> extra)
    {
        var config = new Dictionary<string, string?>
        {
            ["BetterHarness:DataDir"] = Path.Combine(Path.GetTempPath(), "bh-it-" + Guid.NewGuid().ToString("N")),
            ["BetterHarness:ApiEndpoint"] = $"127.0.0.1:{port}",
            ["BetterHarness:Transport"] = "rabbitmq",
            ["BetterHarness:RabbitMq"] = broker.Uri,
            ["BetterHarness:QueuePrefix"] = prefix,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in extra) config[k] = v;
        var app = ServiceHost.Build([], [module], c => c.AddInMemoryCollection(config));
        await app.StartAsync();
        return new StartedHost(app);
    }

    /// <summary>Stops the host (bus included) before disposing it, so its RabbitMQ connections close.</summary>
    private sealed class StartedHost(WebApplication app) : IAsyncDisposable
    {
        public IServiceProvider Services => app.Services;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    // A feedback correction is mined whatever the detector says, so the test is about the two processes, not the model.
    private static TraceDigest Digest(string traceId) => new()
    {
        TraceId = traceId, Revision = 1, AgentName = "flow-agent", ServiceName = "flow-service",
        StartedAt = DateTimeOffset.UtcNow, CompletedAt = DateTimeOffset.UtcNow, Failed = true, Corrected = true,
        Signals = [new DigestSignal("user_correction", "feedback-span", "feedback: Gold members get 3 free bags", Score: 1.0)],
        Messages = [new DigestMessage("user", "How many bags can I take?", "u1"), new DigestMessage("assistant", "You get no free bags.", "a1")],
        ToolCalls = [],
        Corrections = [new DigestCorrection("Gold members get 3 free bags", "feedback", "feedback-span")],
    };

    private static async Task<JsonObject> Poll(Func<Task<JsonObject?>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException("the candidate never reached curation's queue");
    }
}
