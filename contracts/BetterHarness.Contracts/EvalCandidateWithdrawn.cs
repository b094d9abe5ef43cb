namespace BetterHarness.Contracts;

/// <summary>
/// Fact: mining no longer has a candidate it proposed, because its last source trace left it: a newer revision of the
/// trace fed another candidate (<see cref="SupersededBy"/>), yielded no case, or stopped failing. Published through
/// mining's outbox in the transaction that deleted the candidate. Consumers mark a candidate still waiting for review
/// superseded; a decided one keeps its decision. Idempotent by <see cref="CandidateId"/>.
/// </summary>
public sealed record EvalCandidateWithdrawn
{
    /// <summary>Candidate id (<c>cand_…</c>) that no longer exists in mining.</summary>
    public required string CandidateId { get; init; }
    /// <summary>The trace whose newer revision (or withdrawn failure) caused this.</summary>
    public required string TraceId { get; init; }
    /// <summary>Digest revision of <see cref="TraceId"/> that caused this.</summary>
    public required int Revision { get; init; }
    /// <summary>The candidate the trace feeds now, when it feeds one.</summary>
    public string? SupersededBy { get; init; }
    /// <summary>Why, in one line a curator can read.</summary>
    public required string Reason { get; init; }
    /// <summary>When mining deleted the candidate, UTC.</summary>
    public required DateTimeOffset At { get; init; }
}
