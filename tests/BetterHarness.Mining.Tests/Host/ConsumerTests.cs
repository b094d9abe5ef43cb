using BetterHarness.Contracts;
using BetterHarness.EvalCases.Cases;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using static BetterHarness.Mining.Tests.Digests;

namespace BetterHarness.Mining.Tests.Host;

public sealed class ConsumerTests
{
    private static TraceDigest Corrected() => Digest(
    [
        User("Please email the receipt to mia.li@example.com."),
        Agent("I sent it to mia.li@example.org."),
        User("No, I said mia.li@example.com."),
        Agent("", Call("send_receipt", """{"email":"mia.li@example.com"}""")),
    ]);

    [Fact]
    public async Task Flagged_digest_publishes_a_redacted_candidate_proposal()
    {
        await using var services = MiningServices.Create(withBus: true);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var digest = Corrected();

        await harness.Bus.Publish(new TracesFlagged { BatchId = Guid.NewGuid(), Traces = [digest] });

        Assert.True(await MiningServices.PublishedAsync<EvalCandidateProposed>(harness, m => m.TraceId == digest.TraceId));
        var proposed = harness.Published.Select<EvalCandidateProposed>().First().Context.Message;
        Assert.StartsWith("cand_", proposed.CandidateId);
        Assert.DoesNotContain("example.com", proposed.Summary);
        Assert.Contains("[EMAIL_1]", proposed.Summary);
    }

    [Fact]
    public async Task The_proposal_carries_the_case_exactly_as_mining_serves_it()
    {
        await using var services = MiningServices.Create(withBus: true);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var digest = Corrected();

        await harness.Bus.Publish(new TracesFlagged { BatchId = Guid.NewGuid(), Traces = [digest] });

        Assert.True(await MiningServices.PublishedAsync<EvalCandidateProposed>(harness, m => m.TraceId == digest.TraceId));
        var proposed = harness.Published.Select<EvalCandidateProposed>().First().Context.Message;
        var served = services.GetRequiredService<Storage.CandidateQueries>().Get(proposed.CandidateId)!;
        Assert.NotNull(proposed.Case);
        Assert.Equal(EvalCaseJson.Serialize(served), EvalCaseJson.Serialize(proposed.Case));
        Assert.Equal(digest.TraceId, Assert.Single(proposed.Case.Provenance!.Sources!).TraceId);
        Assert.DoesNotContain("example.com", EvalCaseJson.Serialize(proposed.Case));
    }

    [Fact]
    public async Task A_newer_revision_feeding_another_candidate_withdraws_the_old_one()
    {
        await using var services = MiningServices.Create(withBus: true);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var first = Corrected();
        await harness.Bus.Publish(new TracesFlagged { BatchId = Guid.NewGuid(), Traces = [first] });
        Assert.True(await MiningServices.PublishedAsync<EvalCandidateProposed>(harness, m => m.Revision == 1));
        var old = harness.Published.Select<EvalCandidateProposed>().First().Context.Message.CandidateId;

        // Revision 2: a different conversation (late spans), so a different case that is no near-duplicate of the first.
        var second = Digest(
        [
            User("Book the cheapest flight to Denver on Friday."),
            Agent("Booked the 6am flight."),
            User("No, I said the cheapest, not the earliest."),
            Agent("", Call("book_reservation", """{"flight":"HAT100","sort":"price"}""")),
        ], traceId: first.TraceId, revision: 2);
        await harness.Bus.Publish(new TracesFlagged { BatchId = Guid.NewGuid(), Traces = [second] });

        Assert.True(await MiningServices.PublishedAsync<EvalCandidateWithdrawn>(harness, m => m.CandidateId == old));
        var withdrawn = harness.Published.Select<EvalCandidateWithdrawn>().First().Context.Message;
        var successor = services.GetRequiredService<Storage.CandidateStore>().Mined(first.TraceId)!.Value.CandidateId;
        Assert.NotEqual(old, successor);
        Assert.Equal(successor, withdrawn.SupersededBy);
        Assert.Equal(2, withdrawn.Revision);
        Assert.Null(services.GetRequiredService<Storage.CandidateQueries>().Get(old));
    }

    [Fact]
    public async Task Redelivered_batch_stores_one_candidate_and_proposes_it_once()
    {
        await using var services = MiningServices.Create(withBus: true);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var message = new TracesFlagged { BatchId = Guid.NewGuid(), Traces = [Corrected()] };

        await harness.Bus.Publish(message);
        Assert.True(await harness.Consumed.Any<TracesFlagged>());
        await harness.Bus.Publish(message);
        await harness.InactivityTask;
        Assert.True(await MiningServices.PublishedAsync<EvalCandidateProposed>(harness, _ => true));

        Assert.Equal(2, harness.Consumed.Select<TracesFlagged>().Count());
        // The proposal went into the outbox with the candidate; the redelivery found the trace mined and added nothing.
        Assert.Single(harness.Published.Select<EvalCandidateProposed>());
        Assert.Single(services.GetRequiredService<Storage.CandidateQueries>().List(null, null, null, 10));
    }

    [Fact]
    public async Task Malformed_digest_faults_without_retry_and_valid_digests_of_the_batch_are_still_mined()
    {
        await using var services = MiningServices.Create(withBus: true);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var good = Corrected();
        var bad = good with { TraceId = "not-a-trace-id" };

        await harness.Bus.Publish(new TracesFlagged { BatchId = Guid.NewGuid(), Traces = [bad, good] });

        Assert.True(await harness.Published.Any<Fault<TracesFlagged>>());
        var fault = harness.Published.Select<Fault<TracesFlagged>>().First().Context.Message;
        Assert.Contains("not-a-trace-id", fault.Exceptions[0].Message);
        Assert.Single(harness.Consumed.Select<TracesFlagged>()); // consumed once: no retries
        Assert.True(await MiningServices.PublishedAsync<EvalCandidateProposed>(harness, m => m.TraceId == good.TraceId));
    }

    [Fact]
    public async Task Cluster_assignment_tags_the_candidate_so_it_can_be_filtered_by_cluster()
    {
        await using var services = MiningServices.Create(withBus: true);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var digest = Corrected();
        await harness.Bus.Publish(new TracesFlagged { BatchId = Guid.NewGuid(), Traces = [digest] });
        Assert.True(await MiningServices.PublishedAsync<EvalCandidateProposed>(harness, m => m.TraceId == digest.TraceId));

        await harness.Bus.Publish(new TracesClustered { BatchId = Guid.NewGuid(), Reason = "online", Assignments = [new TraceClusterAssignment(digest.TraceId, "clu_42", 1)] });
        Assert.True(await harness.Consumed.Any<TracesClustered>());

        var listed = Assert.Single(services.GetRequiredService<Storage.CandidateQueries>().List(null, "clu_42", null, 10));
        Assert.Equal("clu_42", listed.ClusterId);
    }

    [Fact]
    public async Task Crash_between_storing_a_candidate_and_publishing_its_proposal_loses_nothing()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "bh-mining-outbox-" + Guid.NewGuid().ToString("N"));
        var digest = Corrected();
        // The first process mines and commits (candidate and proposal in one transaction), then dies before any
        // dispatcher ran: it has no bus at all.
        await using (var crashed = MiningServices.Create(dataDir))
        {
            var outcome = crashed.GetRequiredService<Processing.CandidateMiner>().Mine(digest);
            Assert.NotNull(outcome.CandidateId);
            Assert.Equal(1, crashed.GetRequiredService<Storage.MiningDatabase>().Outbox.PendingCount());
        }

        await using var restarted = MiningServices.Create(dataDir, withBus: true);
        var harness = restarted.GetRequiredService<ITestHarness>();
        await harness.Start();

        Assert.True(await MiningServices.PublishedAsync<EvalCandidateProposed>(harness, m => m.TraceId == digest.TraceId));
        // Marked sent right after the publish.
        var outbox = restarted.GetRequiredService<Storage.MiningDatabase>().Outbox;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (outbox.PendingCount() > 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(0, outbox.PendingCount());
    }
}
