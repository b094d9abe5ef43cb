using System.Net;
using BetterHarness.Contracts;
using BetterHarness.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Integration.Tests;

/// <summary>
/// Distributed mode on a real RabbitMQ: clustering withdraws a failure when a newer revision no longer fails, announces it,
/// and mining withdraws the unreviewed candidate the superseded revision fed.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class WithdrawnFailureFlowTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task A_revision_that_no_longer_fails_withdraws_the_failure_over_rabbitmq_and_mining_withdraws_its_candidate()
    {
        await using var host = await IngestHost.StartAsync(settings: new()
        {
            ["BetterHarness:Transport"] = "rabbitmq",
            ["BetterHarness:RabbitMq"] = broker.Uri,
        });
        var traceId = Guid.NewGuid().ToString("N");
        await using var proposed = await MessageSink<EvalCandidateProposed>.StartAsync(broker.Uri, m => m.TraceId == traceId);
        await using var announced = await MessageSink<TraceFailureWithdrawn>.StartAsync(broker.Uri, m => m.TraceId == traceId);
        await using var withdrawn = await MessageSink<EvalCandidateWithdrawn>.StartAsync(broker.Uri, m => m.TraceId == traceId);
        var bus = host.Services.GetRequiredService<IBus>();
        // A feedback correction is mined whatever the detector says: the test is about the withdrawal, not the model.
        var failed = new TraceDigest
        {
            TraceId = traceId, Revision = 1, StartedAt = DateTimeOffset.UtcNow, CompletedAt = DateTimeOffset.UtcNow, Failed = true, Corrected = true,
            Signals = [new DigestSignal("user_correction", "feedback-span", "feedback: Gold members get 3 free bags", Score: 1.0)],
            Messages = [new DigestMessage("user", "How many bags can I take?", "u1"), new DigestMessage("assistant", "You get no free bags.", "a1")],
            ToolCalls = [],
            Corrections = [new DigestCorrection("Gold members get 3 free bags", "feedback", "feedback-span")],
        };
        await bus.Publish(new TracesFlagged { BatchId = Guid.NewGuid(), Traces = [failed] });
        var candidate = (await proposed.Received(TimeSpan.FromSeconds(60))).CandidateId;
        await WaitUntilAsync(async () => (await host.Api.GetAsync($"/api/clusters/assignments/{traceId}")).StatusCode == HttpStatusCode.OK);

        // Revision 2 is neither failed nor corrected. Sent to clustering's queue only, so mining learns of it solely through
        // clustering's announcement (published, ingest would send mining the digest too, and mining would re-mine it).
        var healthy = failed with { Revision = 2, Failed = false, Corrected = false, Signals = [], Corrections = [] };
        await (await bus.GetSendEndpoint(new Uri("queue:clustering-traces-flagged"))).Send(new TracesFlagged { BatchId = Guid.NewGuid(), Traces = [healthy] });

        var withdrawal = await announced.Received(TimeSpan.FromSeconds(60));
        Assert.Equal(2, withdrawal.Revision);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Api.GetAsync($"/api/clusters/assignments/{traceId}")).StatusCode);
        var gone = await withdrawn.Received(TimeSpan.FromSeconds(60));
        Assert.Equal(candidate, gone.CandidateId);
        Assert.Contains("failure was withdrawn", gone.Reason);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Api.GetAsync($"/api/candidates/{candidate}")).StatusCode);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the failed trace did not reach the clustering service within 60 s");
            await Task.Delay(200);
        }
    }
}
