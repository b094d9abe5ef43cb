using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Contracts;

/// <summary>
/// Fact: the mining service stored a candidate eval case (new, a near-duplicate merged into an existing one, or one
/// that lost a source trace) for curators. Carries the candidate whole in <see cref="Case"/>, so curation never reads
/// it back from mining. Published through mining's outbox in the transaction that stored the candidate; a redelivered
/// digest may publish the same fact again, so consumers upsert on <see cref="CandidateId"/> and keep the newest
/// <see cref="At"/>.
/// </summary>
public sealed record EvalCandidateProposed
{
    /// <summary>Candidate id (<c>cand_…</c>).</summary>
    public required string CandidateId { get; init; }
    /// <summary>The trace this publication was caused by.</summary>
    public required string TraceId { get; init; }
    /// <summary>Digest revision of <see cref="TraceId"/> that was mined.</summary>
    public required int Revision { get; init; }
    /// <summary>True when the trace merged into an existing candidate instead of creating one.</summary>
    public required bool Merged { get; init; }
    /// <summary>Source traces the candidate now has (1 for a new candidate).</summary>
    public required int SupportCount { get; init; }
    /// <summary>One line for a review queue, already redacted.</summary>
    public required string Summary { get; init; }
    /// <summary>Behaviour tags (tool_selection, followup_quality, multi_step, instruction_following, …).</summary>
    public required IReadOnlyList<string> Tags { get; init; }
    /// <summary>Failure cluster of the source trace, when clustering had assigned one.</summary>
    public string? ClusterId { get; init; }
    /// <summary>When the candidate was stored or merged, UTC.</summary>
    public required DateTimeOffset At { get; init; }
    /// <summary>
    /// The candidate as mining stores it, redacted, in the public schema (docs/eval-case-schema.md), sources included.
    /// Bounded like a digest: its JSON is at most 1 MiB (mining clips the longest recorded responses and message texts
    /// of a bigger case before storing it, so this is exactly what mining serves) and it lists the newest 100 sources
    /// (<see cref="SupportCount"/> counts them all). Null only from a mining older than this field.
    /// </summary>
    public EvalCase? Case { get; init; }
}
