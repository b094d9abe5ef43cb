using BetterHarness.Contracts;
using BetterHarness.Mining.Detectors;
using BetterHarness.Mining.Domain.Cases;
using BetterHarness.Mining.Domain.Dedup;
using BetterHarness.Mining.Domain.Detection;
using BetterHarness.Mining.Domain.Redaction;
using BetterHarness.Mining.Storage;
using BetterHarness.Text;
using Microsoft.Extensions.Options;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Mining.Processing;

/// <summary>
/// One digest → at most one stored candidate: detect corrections, build the case, redact it, find a
/// near-duplicate, store. Idempotent: a revision already mined returns the stored outcome unchanged; a revision older
/// than one whose failure clustering withdrew is superseded and never mined.
/// </summary>
public sealed class CandidateMiner(
    AgentDetectors detectors, CaseBuilder builder, Redactor redactor, ITextEmbedder embedder,
    CandidateStore store, TraceClusterStore clusters, WithdrawnFailures withdrawn, IOptions<MiningOptions> options, Judging.JudgeIntake judge)
{
    public MiningOutcome Mine(TraceDigest digest, CancellationToken ct = default)
    {
        DigestValidator.Validate(digest);
        if (store.Mined(digest.TraceId) is { } mined && mined.Revision >= digest.Revision)
            return store.Outcome(digest.TraceId, alreadyMined: true)!;
        if (withdrawn.SupersededBelow(digest.TraceId) > digest.Revision)
            return store.Outcome(digest.TraceId, alreadyMined: true) ?? MiningOutcome.Nothing(digest.TraceId, digest.Revision);

        var evalCase = Build(digest, ct);
        if (evalCase is null) return store.Save(new MinedCandidate(digest.TraceId, digest.Revision, null, null, null, digest));
        var fingerprint = embedder.Embed([CaseFingerprint.Text(evalCase)], ct)[0];
        var duplicate = DuplicateFinder.Find(fingerprint, store.Fingerprints(CaseFingerprint.TagKey(evalCase)), options.Value.DedupSimilarity);
        return store.Save(new MinedCandidate(digest.TraceId, digest.Revision, evalCase, fingerprint, duplicate?.CandidateId, digest));
    }

    /// <summary>
    /// A candidate for a trace that feeds none (re-scoring found a correction the detector missed before), redacted and
    /// deduplicated like a mined one; null, and nothing stored, when the trace feeds a candidate by now.
    /// </summary>
    public MiningOutcome? Propose(TraceDigest digest, EvalCase evalCase, CancellationToken ct = default)
    {
        var fingerprint = embedder.Embed([CaseFingerprint.Text(evalCase)], ct)[0];
        var duplicate = DuplicateFinder.Find(fingerprint, store.Fingerprints(CaseFingerprint.TagKey(evalCase)), options.Value.DedupSimilarity);
        return store.AddToTrace(new MinedCandidate(digest.TraceId, digest.Revision, evalCase, fingerprint, duplicate?.CandidateId));
    }

    /// <summary>The redacted case the digest yields with its agent's active detector today, or null.</summary>
    public EvalCase? Build(TraceDigest digest, CancellationToken ct)
    {
        var conversation = new Conversation(digest);
        var pairs = conversation.DetectorPairs();
        // The agent's own detector when it has an adapted one, else the shipped model.
        var raw = detectors.For(CaseBuilder.AgentOf(digest)).Classify(pairs.Select(p => new CorrectionPair(digest.Messages[p.Assistant].Content, digest.Messages[p.User].Content)).ToList(), ct);
        var threshold = options.Value.CorrectionThreshold;
        var verdicts = pairs.Select((p, i) => new TurnVerdict(p.User, p.Assistant,
            threshold is { } t ? raw[i] with { IsCorrection = raw[i].Score >= t } : raw[i])).ToList();
        judge.Offer(digest, verdicts);
        var evalCase = builder.Build(digest, verdicts, clusters.ClusterOf(digest.TraceId));
        if (evalCase is null) return null;
        if (!options.Value.MineToolFailureRecoveries && CandidateProvenance.Sources(evalCase)[0].Reason == CaseDraft.ToolRecovery) return null;
        return CaseBudget.Fit(redactor.Redact(evalCase));
    }
}
