using BetterHarness.Curation.Storage;
using BetterHarness.ServiceDefaults.Security;
using Dapper;
using Microsoft.Extensions.Options;

namespace BetterHarness.Curation.Review;

/// <summary>A reviewer's hold on a queue item until <see cref="ExpiresAt"/>.</summary>
public sealed record Lease(string CandidateId, string Holder, DateTimeOffset ExpiresAt);

/// <summary>
/// Concurrent reviewers: an item being reviewed is leased to one reviewer so two people never work the same
/// candidate; the lease expires on its own (a closed browser tab frees the item). Skipping releases the lease and
/// keeps the item out of that reviewer's <see cref="Next"/>.
/// </summary>
public sealed class ReviewLeases(CurationWrites writes, IOptions<CurationOptions> options)
{
    public Lease Take(Actor actor, string candidateId)
    {
        using var w = writes.Begin();
        var row = QueueRow.Load(w, candidateId);
        row.EnsureDecidable(actor.Name, w.Now.ToUnixTimeMilliseconds(), "lease");
        var lease = Grant(w, actor, candidateId);
        w.Commit();
        return lease;
    }

    public void Release(Actor actor, string candidateId)
    {
        using var w = writes.Begin();
        var row = QueueRow.Load(w, candidateId);
        if (row.LeasedByOther(actor.Name, w.Now.ToUnixTimeMilliseconds()) && actor.Role != Role.Admin)
            throw new ReviewConflictException($"candidate {candidateId} is leased by {row.LeaseHolder}, not by {actor.Name}");
        w.Connection.Execute("UPDATE queue_items SET lease_holder = NULL, lease_expires_ms = NULL WHERE candidate_id = @candidateId",
            new { candidateId }, w.Transaction);
        w.Commit();
    }

    public void Skip(Actor actor, string candidateId)
    {
        using var w = writes.Begin();
        var row = QueueRow.Load(w, candidateId);
        row.EnsureDecidable(actor.Name, w.Now.ToUnixTimeMilliseconds(), "skip");
        w.Connection.Execute("""
            UPDATE queue_items SET lease_holder = NULL, lease_expires_ms = NULL WHERE candidate_id = @candidateId AND lease_holder = @name;
            INSERT INTO review_votes (candidate_id, actor, vote, at) VALUES (@candidateId, @name, 'skip', @now) ON CONFLICT DO NOTHING;
            """, new { candidateId, name = actor.Name, now = w.NowText }, w.Transaction);
        w.Commit();
    }

    /// <summary>
    /// Leases the oldest pending, readable item that nobody else holds and this reviewer has neither skipped nor
    /// voted for (the reviewer's current lease, if any, comes first); null when there is none.
    /// </summary>
    public (Lease Lease, string CandidateId)? Next(Actor actor, string? tag, string? cluster)
    {
        using var w = writes.Begin();
        var id = w.Connection.QueryFirstOrDefault<string?>("""
            SELECT q.candidate_id FROM queue_items q
            WHERE q.status = 'pending' AND q.case_json IS NOT NULL
              AND (q.lease_holder IS NULL OR q.lease_holder = @name OR q.lease_expires_ms <= @nowMs)
              AND NOT EXISTS (SELECT 1 FROM review_votes v WHERE v.candidate_id = q.candidate_id AND v.actor = @name)
              AND (@tag IS NULL OR EXISTS (SELECT 1 FROM queue_tags t WHERE t.candidate_id = q.candidate_id AND t.tag = @tag))
              AND (@cluster IS NULL OR q.cluster_id = @cluster)
            ORDER BY CASE WHEN q.lease_holder = @name AND q.lease_expires_ms > @nowMs THEN 0 ELSE 1 END, q.proposed_at, q.candidate_id
            LIMIT 1
            """, new { name = actor.Name, nowMs = w.Now.ToUnixTimeMilliseconds(), tag, cluster }, w.Transaction);
        if (id is null) return null;
        var lease = Grant(w, actor, id);
        w.Commit();
        return (lease, id);
    }

    private Lease Grant(CurationWrite w, Actor actor, string candidateId)
    {
        var expires = w.Now + options.Value.LeaseDuration;
        w.Connection.Execute("UPDATE queue_items SET lease_holder = @name, lease_expires_ms = @expiresMs WHERE candidate_id = @candidateId",
            new { name = actor.Name, expiresMs = expires.ToUnixTimeMilliseconds(), candidateId }, w.Transaction);
        return new Lease(candidateId, actor.Name, expires);
    }
}
