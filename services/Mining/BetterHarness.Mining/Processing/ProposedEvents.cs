using BetterHarness.Contracts;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Mining.Storage;

namespace BetterHarness.Mining.Processing;

/// <summary>The published facts for a stored outcome.</summary>
public static class ProposedEvents
{
    /// <summary>The proposal of the candidate <paramref name="outcome"/> feeds, carrying <paramref name="evalCase"/> whole (none when the digest produced no candidate).</summary>
    public static EvalCandidateProposed? For(MiningOutcome outcome, EvalCase? evalCase, DateTimeOffset at) => outcome.CandidateId is null ? null : new EvalCandidateProposed
    {
        CandidateId = outcome.CandidateId, TraceId = outcome.TraceId, Revision = outcome.Revision, Merged = outcome.Merged,
        SupportCount = outcome.SupportCount, Summary = outcome.Summary ?? "", Tags = outcome.Tags, ClusterId = outcome.ClusterId, At = at,
        Case = evalCase,
    };

    /// <summary>A candidate that lost a source trace but kept others: its new state, caused by <paramref name="traceId"/>.</summary>
    public static EvalCandidateProposed Shrunk(EvalCase evalCase, string traceId, int revision, DateTimeOffset at) => new()
    {
        CandidateId = evalCase.Id, TraceId = traceId, Revision = revision, Merged = false, SupportCount = evalCase.SupportCount,
        Summary = evalCase.Summary, Tags = evalCase.Tags, ClusterId = evalCase.Provenance?.ClusterId, At = at, Case = evalCase,
    };

    /// <summary>A candidate whose last source trace left it.</summary>
    public static EvalCandidateWithdrawn Withdrawn(string candidateId, string traceId, int revision, string? supersededBy, DateTimeOffset at) => new()
    {
        CandidateId = candidateId, TraceId = traceId, Revision = revision, SupersededBy = supersededBy, At = at,
        Reason = supersededBy is null
            ? $"revision {revision} of trace {traceId} no longer yields this case"
            : $"revision {revision} of trace {traceId} now feeds {supersededBy}",
    };
}
