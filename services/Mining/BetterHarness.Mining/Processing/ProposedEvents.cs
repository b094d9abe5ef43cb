using BetterHarness.Contracts;
using BetterHarness.Mining.Storage;

namespace BetterHarness.Mining.Processing;

/// <summary>The published fact for a stored outcome (none when the digest produced no candidate).</summary>
public static class ProposedEvents
{
    public static EvalCandidateProposed? For(MiningOutcome outcome, DateTimeOffset at) => outcome.CandidateId is null ? null : new EvalCandidateProposed
    {
        CandidateId = outcome.CandidateId, TraceId = outcome.TraceId, Revision = outcome.Revision, Merged = outcome.Merged,
        SupportCount = outcome.SupportCount, Summary = outcome.Summary ?? "", Tags = outcome.Tags, ClusterId = outcome.ClusterId, At = at,
    };
}
