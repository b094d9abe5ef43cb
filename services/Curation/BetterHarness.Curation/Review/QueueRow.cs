using Dapper;
using BetterHarness.Curation.Storage;

namespace BetterHarness.Curation.Review;

/// <summary>The decision-relevant part of a queue item, read inside a write.</summary>
internal sealed record QueueRow(string CandidateId, string Status, string? Agent, string? CaseJson, string? CaseId, string? LeaseHolder, long? LeaseExpiresMs)
{
    public static QueueRow Load(CurationWrite w, string candidateId)
    {
        var row = w.Connection.QueryFirstOrDefault<(string Id, string Status, string? Agent, string? CaseJson, string? CaseId, string? LeaseHolder, long? LeaseExpiresMs)?>("""
            SELECT candidate_id, status, agent, case_json, case_id, lease_holder, lease_expires_ms FROM queue_items WHERE candidate_id = @candidateId
            """, new { candidateId }, w.Transaction)
            ?? throw new UnknownIdException($"candidate {candidateId} is not in the review queue");
        return new QueueRow(row.Id, row.Status, row.Agent, row.CaseJson, row.CaseId, row.LeaseHolder, row.LeaseExpiresMs);
    }

    public bool LeasedByOther(string actor, long nowMs) => LeaseHolder is not null && LeaseHolder != actor && LeaseExpiresMs > nowMs;

    /// <summary>Throws unless <paramref name="actor"/> may decide this item now.</summary>
    public void EnsureDecidable(string actor, long nowMs)
    {
        if (Status != QueueStatuses.Pending)
            throw new ReviewConflictException($"candidate {CandidateId} is already {Status}" + (CaseId is null ? "" : $" (case {CaseId})"));
        if (LeasedByOther(actor, nowMs))
            throw new ReviewConflictException($"candidate {CandidateId} is being reviewed by {LeaseHolder} until " +
                DateTimeOffset.FromUnixTimeMilliseconds(LeaseExpiresMs!.Value).ToString("O"));
    }
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
