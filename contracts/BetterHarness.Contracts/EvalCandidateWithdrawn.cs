namespace BetterHarness.Contracts;

/// <summary>
/// Fact: mining withdrew a candidate it had proposed: its agent's correction detector changed, and re-scored, the source
/// turn no longer qualifies as a correction; or its last source trace left it (a newer revision of the trace fed another
/// candidate, <see cref="SupersededBy"/>, yielded no case, or stopped failing) and mining deleted it. The review queue
/// drops the candidate unless someone already acted on it (decided it, or voted to accept). A later proposal of the same
/// candidate id brings it back.
/// </summary>
public sealed record EvalCandidateWithdrawn
{
    /// <summary>Candidate id (<c>cand_…</c>).</summary>
    public required string CandidateId { get; init; }
    /// <summary>The source trace whose re-scoring withdrew it.</summary>
    public required string TraceId { get; init; }
    /// <summary>The digest revision of <see cref="TraceId"/> that caused it, when a newer revision did.</summary>
    public int? Revision { get; init; }
    /// <summary>The candidate the trace feeds now, when a newer revision moved it to another one.</summary>
    public string? SupersededBy { get; init; }
    /// <summary>Why, for the queue and the audit log (e.g. the detector version that no longer flags the turn).</summary>
    public required string Reason { get; init; }
    /// <summary>When it was withdrawn, UTC.</summary>
    public required DateTimeOffset At { get; init; }
}
