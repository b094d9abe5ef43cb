using BetterHarness.Contracts;
using BetterHarness.Mining.Domain.Cases;
using BetterHarness.Mining.Domain.Dedup;
using BetterHarness.Mining.Domain.Detection;
using BetterHarness.Mining.Domain.Labels;
using BetterHarness.Mining.Domain.Redaction;
using BetterHarness.Mining.Storage;
using BetterHarness.Text;
using Microsoft.Extensions.Options;

namespace BetterHarness.Mining.Labels;

/// <summary>
/// A correction a person marked becomes a candidate (the same construction rule as a detected one, redacted and
/// deduplicated the same way) unless the trace already feeds a candidate: nothing is proposed twice.
/// </summary>
public sealed class MissedCorrections(
    CaseBuilder builder, Redactor redactor, ITextEmbedder embedder, CandidateStore store, TraceClusterStore clusters, IOptions<MiningOptions> options)
{
    /// <summary>The outcome when a candidate was stored, else null (no agent reply to correct, or the trace has a candidate).</summary>
    public Task<MiningOutcome?> ProposeAsync(TraceDigest digest, UserTurn turn, CancellationToken ct)
    {
        if (turn.AssistantIndex < 0 || store.Mined(digest.TraceId) is { CandidateId: not null }) return Task.FromResult<MiningOutcome?>(null);
        var verdict = new TurnVerdict(turn.MessageIndex, turn.AssistantIndex, new CorrectionVerdict(true, 1.0));
        if (builder.Build(digest, [verdict], clusters.ClusterOf(digest.TraceId)) is not { } built) return Task.FromResult<MiningOutcome?>(null);
        var evalCase = CaseBudget.Fit(redactor.Redact(built));
        var fingerprint = embedder.Embed([CaseFingerprint.Text(evalCase)], ct)[0];
        var duplicate = DuplicateFinder.Find(fingerprint, store.Fingerprints(CaseFingerprint.TagKey(evalCase)), options.Value.DedupSimilarity);
        return Task.FromResult(store.AddToTrace(new MinedCandidate(digest.TraceId, digest.Revision, evalCase, fingerprint, duplicate?.CandidateId)));
    }
}
