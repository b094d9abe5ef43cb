using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Contracts;
using BetterHarness.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Integration.Tests;

/// <summary>Distributed mode on a real RabbitMQ: a TracesFlagged batch reaches the mining host, which stores and publishes a candidate.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class MiningFlowTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task Flagged_digest_published_on_rabbitmq_becomes_a_stored_candidate_and_a_proposal()
    {
        await using var host = await IngestHost.StartAsync(settings: new()
        {
            ["BetterHarness:Transport"] = "rabbitmq",
            ["BetterHarness:RabbitMq"] = broker.Uri,
        });
        // A feedback correction is mined whatever the detector says, so the test is about transport, not the model.
        var traceId = Guid.NewGuid().ToString("N");
        await using var sink = await MessageSink<EvalCandidateProposed>.StartAsync(broker.Uri, m => m.TraceId == traceId);
        var digest = new TraceDigest
        {
            TraceId = traceId, Revision = 1, StartedAt = DateTimeOffset.UtcNow, CompletedAt = DateTimeOffset.UtcNow, Failed = true, Corrected = true,
            Signals = [new DigestSignal("user_correction", "feedback-span", "feedback: Gold members get 3 free bags; mail jo@example.com", Score: 1.0)],
            Messages = [new DigestMessage("user", "How many bags can I take?", "u1"), new DigestMessage("assistant", "You get no free bags.", "a1")],
            ToolCalls = [],
            Corrections = [new DigestCorrection("Gold members get 3 free bags; mail jo@example.com", "feedback", "feedback-span")],
        };

        await host.Services.GetRequiredService<IBus>().Publish(new TracesFlagged { BatchId = Guid.NewGuid(), Traces = [digest] });
        var proposed = await sink.Received(TimeSpan.FromSeconds(60));

        var evalCase = (await host.Api.GetFromJsonAsync<JsonObject>($"/api/candidates/{proposed.CandidateId}"))!;
        Assert.Equal(traceId, (string?)evalCase["provenance"]!["sources"]![0]!["traceId"]);
        Assert.Contains("[EMAIL_1]", (string?)evalCase["expected"]!["correction"]);
    }
}
