using BetterHarness.Contracts;
using BetterHarness.Mining.Domain.Labels;
using BetterHarness.Mining.Labels;
using BetterHarness.Mining.Processing;
using BetterHarness.Mining.Storage;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using static BetterHarness.Mining.Tests.Digests;

namespace BetterHarness.Mining.Tests.Host;

/// <summary>Clustering withdrew a trace's failure (a newer revision stopped failing): mining drops what the superseded revisions fed.</summary>
public sealed class WithdrawnFailureTests
{
    private static TraceDigest Corrected(string? traceId = null, int revision = 1) => Digest(
    [
        User("Please email the receipt to mia.li@example.com."),
        Agent("I sent it to mia.li@example.org."),
        User("No, I said mia.li@example.com."),
        Agent("", Call("send_receipt", """{"email":"mia.li@example.com"}""")),
    ], traceId: traceId, revision: revision);

    private static TraceFailureWithdrawn Withdrawn(string traceId, int revision, string? clusterId = null) =>
        new() { TraceId = traceId, Revision = revision, ClusterId = clusterId, At = DateTimeOffset.UtcNow };

    [Fact]
    public async Task Withdrawal_takes_the_trace_off_its_unreviewed_candidate_and_drops_the_superseded_cluster_id()
    {
        await using var services = MiningServices.Create(withBus: true);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var digest = Corrected();
        await harness.Bus.Publish(new TracesFlagged { BatchId = Guid.NewGuid(), Traces = [digest] });
        Assert.True(await MiningServices.PublishedAsync<EvalCandidateProposed>(harness, m => m.TraceId == digest.TraceId));
        var candidate = services.GetRequiredService<CandidateStore>().Mined(digest.TraceId)!.Value.CandidateId!;
        await harness.Bus.Publish(new TracesClustered { BatchId = Guid.NewGuid(), Reason = "online", Assignments = [new TraceClusterAssignment(digest.TraceId, "clu_7", 1)] });
        Assert.True(await harness.Consumed.Any<TracesClustered>());

        await harness.Bus.Publish(Withdrawn(digest.TraceId, 2, "clu_7"));

        Assert.True(await MiningServices.PublishedAsync<EvalCandidateWithdrawn>(harness, m => m.CandidateId == candidate));
        Assert.Contains("no longer fails", harness.Published.Select<EvalCandidateWithdrawn>().First().Context.Message.Reason);
        Assert.Null(services.GetRequiredService<CandidateQueries>().Get(candidate));
        Assert.Null(services.GetRequiredService<TraceClusterStore>().ClusterOf(digest.TraceId));
    }

    [Fact]
    public async Task A_superseded_revision_delivered_after_the_withdrawal_is_never_mined()
    {
        await using var services = MiningServices.Create();
        var digest = Corrected();
        var superseded = services.GetRequiredService<SupersededRevisions>();
        var miner = services.GetRequiredService<CandidateMiner>();

        // Mining is slower than clustering: the withdrawal of revision 2 arrives before revision 1's digest.
        superseded.Apply(Withdrawn(digest.TraceId, 2));
        var outcome = miner.Mine(digest);

        Assert.Null(outcome.CandidateId);
        Assert.Null(services.GetRequiredService<CandidateStore>().Mined(digest.TraceId));
        Assert.Empty(services.GetRequiredService<CandidateQueries>().List(null, null, null, 10));
        // The newer revision itself is mined as usual.
        Assert.NotNull(miner.Mine(digest with { Revision = 2 }).CandidateId);
    }

    [Fact]
    public void A_candidate_a_person_labelled_stays_and_a_newer_revision_already_mined_decides_alone()
    {
        using var services = MiningServices.Create();
        var miner = services.GetRequiredService<CandidateMiner>();
        var superseded = services.GetRequiredService<SupersededRevisions>();
        var labelled = Corrected();
        var candidate = miner.Mine(labelled).CandidateId!;
        services.GetRequiredService<LabelStore>().Save(new CorrectionLabel(Domain.Cases.CaseBuilder.AgentOf(labelled) ?? "unknown", labelled.TraceId, 1,
            true, LabelSources.Person, LabelOrigins.Trace, "ana", "curator", null, labelled.Messages[2].SpanId, labelled.Messages[1].Content,
            labelled.Messages[2].Content, DateTimeOffset.UtcNow), null);
        var remined = Corrected();
        var current = miner.Mine(remined with { Revision = 2 }).CandidateId!;

        Assert.False(superseded.Apply(Withdrawn(labelled.TraceId, 2)));
        Assert.False(superseded.Apply(Withdrawn(remined.TraceId, 2)));

        Assert.NotNull(services.GetRequiredService<CandidateQueries>().Get(candidate));
        Assert.NotNull(services.GetRequiredService<CandidateQueries>().Get(current));
    }
}
