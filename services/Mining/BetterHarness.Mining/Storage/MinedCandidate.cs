using BetterHarness.Mining.Domain.Cases;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Mining.Storage;

/// <summary>What mining one digest produced, ready to store: a new case, or a merge into <see cref="MergeInto"/>.
/// <see cref="Digest"/>, when given, is kept (labels and re-scoring read the conversation from it).</summary>
public sealed record MinedCandidate(string TraceId, int Revision, EvalCase? Case, float[]? Fingerprint, string? MergeInto,
    BetterHarness.Contracts.TraceDigest? Digest = null);

/// <summary>What was stored: the candidate the trace now feeds (none when the digest yielded no case).</summary>
public sealed record MiningOutcome(string TraceId, int Revision, string? CandidateId, bool Merged, int SupportCount,
    string? Summary, IReadOnlyList<string> Tags, string? ClusterId, bool AlreadyMined)
{
    /// <summary>A revision left unmined (superseded: clustering withdrew the trace's failure at a newer revision).</summary>
    public static MiningOutcome Nothing(string traceId, int revision) => new(traceId, revision, null, false, 0, null, [], null, AlreadyMined: true);
}
