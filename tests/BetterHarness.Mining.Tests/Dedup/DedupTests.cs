using BetterHarness.Mining.Processing;
using BetterHarness.Mining.Storage;
using Microsoft.Extensions.DependencyInjection;
using static BetterHarness.Mining.Tests.Digests;

namespace BetterHarness.Mining.Tests.Dedup;

public sealed class DedupTests
{
    private static BetterHarness.Contracts.TraceDigest Corrected(string city) => Digest(
    [
        User($"Book the cheapest flight to {city} tomorrow."),
        Agent("I booked the 6am flight for $300."),
        User("No, I said the cheapest one."),
        Agent("", Call("book_reservation", $$"""{"destination":"{{city}}","sort":"price"}""")),
    ]);

    [Fact]
    public void Near_duplicate_with_the_same_tags_merges_with_support_count_and_every_source_trace()
    {
        using var services = MiningServices.Create();
        var miner = services.GetRequiredService<CandidateMiner>();
        var first = Corrected("Boston");
        var second = Corrected("Boston");

        var a = miner.Mine(first);
        var b = miner.Mine(second);

        Assert.False(a.Merged);
        Assert.True(b.Merged);
        Assert.Equal(a.CandidateId, b.CandidateId);
        Assert.Equal(2, b.SupportCount);
        var evalCase = services.GetRequiredService<CandidateQueries>().Get(a.CandidateId!)!;
        Assert.Equal(2, evalCase.SupportCount);
        Assert.Equal(new[] { first.TraceId, second.TraceId }.Order(), evalCase.Provenance!.Sources!.Select(s => s.TraceId).Order());
    }

    [Fact]
    public void Different_cases_stay_separate()
    {
        using var services = MiningServices.Create();
        var miner = services.GetRequiredService<CandidateMiner>();

        var a = miner.Mine(Corrected("Boston"));
        var b = miner.Mine(Digest([User("What is my baggage allowance for economy?"), Agent("You get 5 free bags."), User("That's wrong, economy gets one bag.")]));

        Assert.NotEqual(a.CandidateId, b.CandidateId);
        Assert.False(b.Merged);
    }

    [Fact]
    public void Redelivered_revision_changes_nothing_and_a_newer_revision_replaces_the_old_one()
    {
        using var services = MiningServices.Create();
        var miner = services.GetRequiredService<CandidateMiner>();
        var digest = Corrected("Denver");

        var first = miner.Mine(digest);
        var again = miner.Mine(digest);
        var newer = miner.Mine(digest with { Revision = 2 });

        Assert.True(again.AlreadyMined);
        Assert.Equal(first.CandidateId, again.CandidateId);
        Assert.Equal(2, newer.Revision);
        var queries = services.GetRequiredService<CandidateQueries>();
        Assert.Single(queries.List(null, null, null, 10));
        Assert.Equal(2, queries.Get(newer.CandidateId!)!.Provenance!.Sources![0].Revision);
    }

    [Fact]
    public void The_same_trace_revision_mined_in_another_store_gets_the_same_candidate_id()
    {
        var digest = Corrected("Austin");
        using var one = MiningServices.Create();
        using var other = MiningServices.Create();

        var first = one.GetRequiredService<CandidateMiner>().Mine(digest);
        var second = other.GetRequiredService<CandidateMiner>().Mine(digest);
        var newer = other.GetRequiredService<CandidateMiner>().Mine(digest with { Revision = 2 });

        Assert.StartsWith("cand_", first.CandidateId);
        Assert.Equal(first.CandidateId, second.CandidateId);
        Assert.NotEqual(first.CandidateId, newer.CandidateId);
    }
}
