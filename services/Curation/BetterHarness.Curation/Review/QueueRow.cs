using Dapper;
using BetterHarness.Curation.Storage;

namespace BetterHarness.Curation.Review;

/// <summary>The decision-relevant part of a queue item, read inside a write.</summary>
internal sealed class QueueRow
{
    public string CandidateId { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Agent { get; init; }
    public string? CaseJson { get; init; }
    public string? CaseId { get; init; }
    public string? LeaseHolder { get; init; }
    public long? LeaseExpiresMs { get; init; }
    public string? DecidedBy { get; init; }
    public string? Reason { get; init; }
    public string? SupersededBy { get; init; }
    /// <summary>The digest of the edits the accept applied (<see cref="Domain.Cases.CaseEdits.Digest"/>).</summary>
    public string? DecisionKey { get; init; }
    /// <summary>The case revision the accept wrote.</summary>
    public int? CaseRevision { get; init; }
    /// <summary>The snapshot the accepting action took.</summary>
    public string? SnapshotId { get; init; }
    /// <summary>The accepted case this candidate is a newer revision of (its source trace's newer revision).</summary>
    public string? RevisesCaseId { get; init; }

    public static QueueRow Load(CurationWrite w, string candidateId) =>
        w.Connection.QueryFirstOrDefault<QueueRow>("""
            SELECT candidate_id AS CandidateId, status AS Status, agent AS Agent, case_json AS CaseJson, case_id AS CaseId,
                lease_holder AS LeaseHolder, lease_expires_ms AS LeaseExpiresMs, decided_by AS DecidedBy, reason AS Reason,
                superseded_by AS SupersededBy, decision_key AS DecisionKey, case_revision AS CaseRevision, snapshot_id AS SnapshotId,
                revises_case_id AS RevisesCaseId
            FROM queue_items WHERE candidate_id = @candidateId
            """, new { candidateId }, w.Transaction)
        ?? throw new UnknownIdException($"candidate {candidateId} is not in the review queue");

    public bool LeasedByOther(string actor, long nowMs) => LeaseHolder is not null && LeaseHolder != actor && LeaseExpiresMs > nowMs;

    /// <summary>
    /// Throws unless <paramref name="actor"/> may decide this item now: it is pending and nobody else holds its lease. The
    /// conflict says what the item's state is and what to do instead (<paramref name="decision"/>: accept or reject).
    /// </summary>
    public void EnsureDecidable(string actor, long nowMs, string decision)
    {
        if (Status != QueueStatuses.Pending) throw new ReviewConflictException(Decided(decision));
        if (LeasedByOther(actor, nowMs))
            throw new ReviewConflictException($"candidate {CandidateId} is being reviewed by {LeaseHolder} until " +
                DateTimeOffset.FromUnixTimeMilliseconds(LeaseExpiresMs!.Value).ToString("O"));
    }

    private string Decided(string decision) => Status switch
    {
        QueueStatuses.Accepted => $"cannot {decision} candidate {CandidateId}: it was already accepted" + By +
            (CaseId is null ? "" : $" as case {CaseId}" + (CaseRevision is { } r ? $" (revision {r})" : "")) + decision switch
            {
                "accept" => " with other edits; to change the case, edit it (PATCH /api/evals/" + CaseId + ")",
                "reject" => "; to take the case out of the eval set, retire it (POST /api/evals/" + CaseId + "/retire)",
                _ => "",
            },
        QueueStatuses.Rejected => $"cannot {decision} candidate {CandidateId}: it was already rejected" + By +
            (Reason is null ? "" : $" ({Reason})") + (decision == "reject" ? " with another reason" : ""),
        QueueStatuses.Superseded => $"cannot {decision} candidate {CandidateId}: it was superseded" +
            (SupersededBy is null ? "" : $" by {SupersededBy}; review that one instead"),
        QueueStatuses.Withdrawn => $"cannot {decision} candidate {CandidateId}: mining withdrew it" + (Reason is null ? "" : $" ({Reason})"),
        _ => $"cannot {decision} candidate {CandidateId}: it is {Status}",
    };

    private string By => DecidedBy is null ? "" : $" by {DecidedBy}";
}

public static class QueueStatuses
{
    public const string Pending = "pending";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Superseded = "superseded";
    /// <summary>Mining withdrew it (its agent's re-scored detector no longer flags the correction) before anyone acted on it.</summary>
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> All = [Pending, Accepted, Rejected, Superseded, Withdrawn];
}
