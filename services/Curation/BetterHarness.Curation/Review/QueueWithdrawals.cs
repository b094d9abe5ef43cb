using BetterHarness.Contracts;
using BetterHarness.Curation.Storage;
using BetterHarness.ServiceDefaults.Security;
using Dapper;

namespace BetterHarness.Curation.Review;

/// <summary>
/// Mining withdrew a candidate: a pending item nobody acted on leaves the queue (status <c>withdrawn</c>, with an audit entry);
/// a decided item, or one a reviewer already voted to accept, stays as it is. Idempotent.
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
            UPDATE queue_items SET status = 'withdrawn', reason = @Reason, lease_holder = NULL, lease_expires_ms = NULL, updated_at = @now
            WHERE candidate_id = @CandidateId AND status = 'pending'
              AND NOT EXISTS (SELECT 1 FROM review_votes v WHERE v.candidate_id = @CandidateId AND v.vote = 'accept')
            """, new { m.CandidateId, m.Reason, now = w.NowText }, w.Transaction) > 0;
        if (changed) AuditLog.Append(w.Connection, w.Transaction, Mining, "withdraw", m.CandidateId, m.Reason, w.Now);
        w.Commit();
        return changed;
    }
}
