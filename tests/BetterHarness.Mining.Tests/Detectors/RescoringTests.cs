using BetterHarness.Contracts;
using BetterHarness.Mining.Detectors;
using BetterHarness.Mining.Domain.Detection;
using BetterHarness.Mining.Domain.Labels;
using BetterHarness.Mining.Labels;
using BetterHarness.Mining.Processing;
using BetterHarness.Mining.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static BetterHarness.Mining.Tests.Digests;

namespace BetterHarness.Mining.Tests.Detectors;

/// <summary>When an agent's detector changes, its recent conversations are scored again (Rescoring).</summary>
public sealed class RescoringTests : IDisposable
{
    private const string AgentName = "travel-bot";
    private readonly SwitchableDetector _detector = new("no, i said");
    private readonly ServiceProvider _services;

    public RescoringTests() => _services = MiningServices.Create(_detector);

    public void Dispose() => _services.Dispose();

    private static TraceDigest Conversation(string correction, string ask = "Book me a flight to Boston on Friday.",
        string reply = "I booked your flight to Austin for Friday.", string tool = "book_reservation") => Digest([
        User(ask),
        Agent(reply, Call(tool, """{"destination":"AUS"}""")),
        User(correction),
        Agent("Done, fixed.", Call(tool, """{"destination":"BOS"}""")),
    ]) with { AgentName = AgentName, CompletedAt = DateTimeOffset.UtcNow };

    [Fact]
    public async Task A_new_detector_proposes_missed_corrections_withdraws_stale_ones_keeps_what_a_person_labelled_and_duplicates_nothing()
    {
        var miner = _services.GetRequiredService<CandidateMiner>();
        var store = _services.GetRequiredService<CandidateStore>();
        var stale = Conversation("No, I said Boston, not Austin.");
        var missed = Conversation("Actually make that Boston please, Austin is wrong for me.");
        // Another situation altogether, so its case does not merge with the others.
        var labelled = Conversation("No, I said the window seat, cancel the aisle one.", "Change my seat on reservation QX12 to a window seat.",
            "Your seat is now 14C, an aisle seat.", "update_reservation_seats");
        Assert.NotNull(miner.Mine(stale).CandidateId);
        Assert.Null(miner.Mine(missed).CandidateId);
        var kept = miner.Mine(labelled).CandidateId;
        Assert.NotNull(kept);
        _services.GetRequiredService<LabelStore>().Save(new CorrectionLabel(AgentName, labelled.TraceId, 1, true, LabelSources.Person,
            LabelOrigins.Trace, "ana", "curator", null, null, labelled.Messages[1].Content, labelled.Messages[2].Content, DateTimeOffset.UtcNow), null);
        var staleCandidate = store.Mined(stale.TraceId)!.Value.CandidateId!;

        _detector.Markers = ["actually"];
        var run = await _services.GetRequiredService<Rescoring>().RunAsync(AgentName, CancellationToken.None);

        Assert.Equal((3, 1, 1, 1), (run.Scored, run.Proposed, run.Withdrawn, run.Kept));
        Assert.NotNull(store.Mined(missed.TraceId)!.Value.CandidateId);
        Assert.Null(store.Mined(stale.TraceId)!.Value.CandidateId);
        Assert.Equal(kept, store.Mined(labelled.TraceId)!.Value.CandidateId);
        Assert.Null(_services.GetRequiredService<CandidateQueries>().Get(staleCandidate));
        var outbox = Outbox();
        Assert.Contains(outbox, m => m.Contains(nameof(EvalCandidateWithdrawn)) && m.Contains(staleCandidate));

        var again = await _services.GetRequiredService<Rescoring>().RunAsync(AgentName, CancellationToken.None);
        Assert.Equal((0, 0), (again.Proposed, again.Withdrawn));
        Assert.Equal(outbox.Count, Outbox().Count);
        Assert.Null(store.Mined(stale.TraceId)!.Value.CandidateId);
    }

    [Fact]
    public async Task Conversations_older_than_the_window_are_not_scored_again()
    {
        var miner = _services.GetRequiredService<CandidateMiner>();
        var old = Conversation("Actually make that Boston please.") with { CompletedAt = DateTimeOffset.UtcNow.AddDays(-30) };
        Assert.Null(miner.Mine(old).CandidateId);

        _detector.Markers = ["actually"];
        var run = await _services.GetRequiredService<Rescoring>().RunAsync(AgentName, CancellationToken.None);

        Assert.Equal(0, run.Scored);
        Assert.Null(_services.GetRequiredService<CandidateStore>().Mined(old.TraceId)!.Value.CandidateId);
    }

    private List<string> Outbox()
    {
        using var c = _services.GetRequiredService<MiningDatabase>().Database.Open();
        return c.Query<(string Type, string Payload)>("SELECT message_type, payload FROM outbox_messages ORDER BY id").Select(r => r.Type + " " + r.Payload).ToList();
    }

    /// <summary>A marker detector whose markers a test changes, as a new detector version changes the verdicts.</summary>
    private sealed class SwitchableDetector(params string[] markers) : ICorrectionDetector
    {
        public string[] Markers { get; set; } = markers;

        public IReadOnlyList<CorrectionVerdict> Classify(IReadOnlyList<CorrectionPair> pairs, CancellationToken ct = default) =>
            new FixedDetector(Markers).Classify(pairs, ct);
    }
}
