namespace BetterHarness.Contracts;

/// <summary>
/// Fact: a curator decided a correction-derived candidate, and the decision says whether its user turns are corrections:
/// accepting it (or rejecting it as "correct but not useful") says yes, rejecting it as "not a correction" says no.
/// Curation publishes it through its outbox in the decision's transaction; mining turns it into correction labels
/// (source <c>review</c>) of each source turn. A redelivery stores the same labels again (upsert per turn).
/// </summary>
public sealed record CorrectionVerdictGiven
{
    /// <summary>Candidate id (<c>cand_…</c>).</summary>
    public required string CandidateId { get; init; }
    /// <summary>The agent the candidate belongs to (its detector learns from the verdict); null when the case named none.</summary>
    public string? Agent { get; init; }
    /// <summary>True: the source turns are corrections; false: they are not.</summary>
    public required bool IsCorrection { get; init; }
    /// <summary>The decision: <c>accept</c> or <c>reject</c>.</summary>
    public required string Decision { get; init; }
    /// <summary>The curator's reason for a rejection, else null.</summary>
    public string? Reason { get; init; }
    /// <summary>The correction-derived sources the curator saw: trace, revision and the correcting user turn's span.</summary>
    public required IReadOnlyList<CorrectionVerdictSource> Sources { get; init; }
    /// <summary>The curator's account or key name.</summary>
    public required string By { get; init; }
    /// <summary>The curator's role name.</summary>
    public required string Role { get; init; }
    /// <summary>When the decision was made, UTC.</summary>
    public required DateTimeOffset At { get; init; }
}

/// <summary>One correction-derived source of a reviewed candidate.</summary>
/// <param name="TraceId">The source trace.</param>
/// <param name="Revision">The revision the candidate was mined from.</param>
/// <param name="SpanId">The span of the correcting user message.</param>
/// <param name="Correction">The correcting user message as the case holds it (redacted), to tell apart user turns that share a span.</param>
public sealed record CorrectionVerdictSource(string TraceId, int Revision, string? SpanId, string? Correction);
