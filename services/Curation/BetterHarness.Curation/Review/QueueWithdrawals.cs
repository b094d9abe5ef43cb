using BetterHarness.Contracts;
using BetterHarness.Curation.Storage;
using BetterHarness.ServiceDefaults.Security;
using Dapper;

namespace BetterHarness.Curation.Review;

/// <summary>
/// Mining withdrew a candidate: a pending item nobody acted on leaves the queue (status <c>withdrawn</c>, or <c>superseded</c>
/// with <c>supersededBy</c> when a newer revision moved its trace to another candidate; with an audit entry); a decided item,
/// one a reviewer already voted to accept, or one whose content is newer than the withdrawal, stays as it is. Idempotent.
/// </summary>
public sealed class QueueWithdrawals(CurationWrites writes)
{
    /// <summary>Mining, as the actor of the audit entry.</summary>
    private static readonly Actor Mining = new("mining", Role.Curator, ActorKinds.ApiKey);

    /// <summary>True when the item left the queue now.</summary>
    public bool Withdraw(EvalCandidateWithdrawn m)
    {
        using var w = writes.Begin();
        var changed = w.Connection.Execute("""
            UPDATE queue_items SET status = @status, superseded_by = @SupersededBy, reason = @Reason, lease_holder = NULL, lease_expires_ms = NULL,
                updated_at = @now
            WHERE candidate_id = @CandidateId AND status = 'pending' AND (content_at IS NULL OR content_at <= @at)
              AND NOT EXISTS (SELECT 1 FROM review_votes v WHERE v.candidate_id = @CandidateId AND v.vote = 'accept')
            """, new
            {
                m.CandidateId, m.Reason, m.SupersededBy, now = w.NowText, at = m.At.ToUniversalTime().ToString("O"),
                status = m.SupersededBy is null ? QueueStatuses.Withdrawn : QueueStatuses.Superseded,
            }, w.Transaction) > 0;
        if (changed)
        {
            AuditLog.Append(w.Connection, w.Transaction, Mining, "withdraw", m.CandidateId, m.Reason, w.Now);
            TracePins.Release(w, m.CandidateId);
        }
        w.Commit();
        return changed;
    }
}
