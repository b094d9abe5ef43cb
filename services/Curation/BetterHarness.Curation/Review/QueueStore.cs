using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.Contracts;
using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Domain.Oracle;
using BetterHarness.Curation.Storage;
using Dapper;

namespace BetterHarness.Curation.Review;

/// <summary>A queue item whose content must be (re)read from mining; <see cref="Generation"/> guards against a newer proposal racing the read.</summary>
public sealed record DueFetch(string CandidateId, long Generation, int Attempts);

/// <summary>
/// The review queue's intake: proposals from mining (idempotent upserts by candidate id) and the content read
/// back from mining's API. A newer revision of a source trace that now feeds another candidate sends the old
/// candidate back to be re-read too: mining may have merged it away (then it is superseded) or changed it.
/// </summary>
public sealed class QueueStore(CurationDatabase db, CurationWrites writes)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Propose(EvalCandidateProposed m)
    {
        using var w = writes.Begin();
        var c = w.Connection;
        c.Execute("""
            INSERT INTO queue_items (candidate_id, status, summary, cluster_id, support_count, fetch_needed, fetch_attempts, next_fetch_ms, proposed_at, updated_at)
            VALUES (@CandidateId, 'pending', @Summary, @ClusterId, @SupportCount, 1, 0, 0, @at, @now)
            ON CONFLICT (candidate_id) DO UPDATE SET fetch_needed = queue_items.fetch_needed + 1, fetch_attempts = 0, next_fetch_ms = 0,
                status = CASE WHEN queue_items.status = 'withdrawn' THEN 'pending' ELSE queue_items.status END,
                support_count = MAX(queue_items.support_count, excluded.support_count), updated_at = excluded.updated_at
            """, new { m.CandidateId, m.Summary, m.ClusterId, m.SupportCount, at = m.At.ToString("O"), now = w.NowText }, w.Transaction);
        c.Execute("INSERT INTO queue_tags (candidate_id, tag) VALUES (@CandidateId, @tag) ON CONFLICT DO NOTHING",
            (m.Tags ?? []).Select(tag => new { m.CandidateId, tag }), w.Transaction);
        var previous = c.QueryFirstOrDefault<(long Revision, string CandidateId)?>(
            "SELECT revision, candidate_id FROM queue_sources WHERE trace_id = @TraceId", new { m.TraceId }, w.Transaction);
        if (previous is { } p && p.CandidateId != m.CandidateId && p.Revision <= m.Revision)
        {
            c.Execute("""
                UPDATE queue_items SET fetch_needed = fetch_needed + 1, fetch_attempts = 0, next_fetch_ms = 0, superseded_by = @CandidateId
                WHERE candidate_id = @old
                """, new { m.CandidateId, old = p.CandidateId }, w.Transaction);
            TracePins.Unpin(w, p.CandidateId, [m.TraceId]);
        }
        if (previous is null || previous.Value.Revision <= m.Revision)
        {
            c.Execute("""
                INSERT INTO queue_sources (trace_id, revision, candidate_id) VALUES (@TraceId, @Revision, @CandidateId)
                ON CONFLICT (trace_id) DO UPDATE SET revision = excluded.revision, candidate_id = excluded.candidate_id
                """, new { m.TraceId, m.Revision, m.CandidateId }, w.Transaction);
            // A proposal merged into a candidate already rejected or superseded pins nothing: nothing will need the trace.
            var status = c.QuerySingle<string>("SELECT status FROM queue_items WHERE candidate_id = @CandidateId", new { m.CandidateId }, w.Transaction);
            if (status is QueueStatuses.Pending or QueueStatuses.Accepted) TracePins.Pin(w, m.CandidateId, [m.TraceId]);
        }
        w.Commit();
    }

    public IReadOnlyList<DueFetch> Due(long nowMs, int limit, IReadOnlyCollection<string>? only = null)
    {
        using var c = db.Database.Open();
        var rows = only is not null
            ? c.Query<(string Id, long Generation, long Attempts)>(
                "SELECT candidate_id, fetch_needed, fetch_attempts FROM queue_items WHERE candidate_id IN @only AND (fetch_needed > 0 OR case_json IS NULL)", new { only })
            : c.Query<(string Id, long Generation, long Attempts)>("""
                SELECT candidate_id, fetch_needed, fetch_attempts FROM queue_items
                WHERE fetch_needed > 0 AND next_fetch_ms <= @nowMs ORDER BY next_fetch_ms, proposed_at LIMIT @limit
                """, new { nowMs, limit });
        return rows.Select(r => new DueFetch(r.Id, r.Generation, (int)r.Attempts)).ToList();
    }

    /// <summary>Stores what mining served. Only a pending item takes new content; a decided one keeps what was decided on.</summary>
    public void Fetched(DueFetch due, JsonObject candidate, CandidateFacts facts, OracleResult oracle)
    {
        using var w = writes.Begin();
        var pending = w.Connection.Execute("""
            UPDATE queue_items SET case_json = @json, agent = @Agent, summary = @Summary, cluster_id = @ClusterId, support_count = @SupportCount,
                detector_score = @DetectorScore, oracle_json = @oracle, fetch_error = NULL, superseded_by = NULL, updated_at = @now
            WHERE candidate_id = @CandidateId AND status = 'pending'
            """, new { json = candidate.ToJsonString(), facts.Agent, facts.Summary, facts.ClusterId, facts.SupportCount, facts.DetectorScore,
                oracle = JsonSerializer.Serialize(oracle, Json), now = w.NowText, due.CandidateId }, w.Transaction);
        if (pending > 0)
        {
            w.Connection.Execute("DELETE FROM queue_tags WHERE candidate_id = @CandidateId", new { due.CandidateId }, w.Transaction);
            w.Connection.Execute("INSERT INTO queue_tags (candidate_id, tag) VALUES (@CandidateId, @tag)",
                facts.Tags.Distinct().Select(tag => new { due.CandidateId, tag }), w.Transaction);
        }
        else
            w.Connection.Execute("UPDATE queue_items SET support_count = @SupportCount WHERE candidate_id = @CandidateId",
                new { facts.SupportCount, due.CandidateId }, w.Transaction);
        Done(w, due);
        w.Commit();
    }

    /// <summary>Mining no longer has the candidate (merged away by a newer revision): a pending item is superseded.</summary>
    public void Gone(DueFetch due)
    {
        using var w = writes.Begin();
        if (w.Connection.Execute("""
            UPDATE queue_items SET status = 'superseded', lease_holder = NULL, lease_expires_ms = NULL, updated_at = @now
            WHERE candidate_id = @CandidateId AND status = 'pending'
            """, new { now = w.NowText, due.CandidateId }, w.Transaction) > 0)
            TracePins.Release(w, due.CandidateId);
        Done(w, due);
        w.Commit();
    }

    public void Failed(DueFetch due, string error, long nextMs)
    {
        using var c = db.Database.Open();
        c.Execute("UPDATE queue_items SET fetch_attempts = fetch_attempts + 1, next_fetch_ms = @nextMs, fetch_error = @error WHERE candidate_id = @CandidateId",
            new { nextMs, error, due.CandidateId });
    }

    // A proposal that arrived while the read was in flight bumped the generation: the item stays due.
    private static void Done(CurationWrite w, DueFetch due) => w.Connection.Execute("""
        UPDATE queue_items SET fetch_needed = CASE WHEN fetch_needed = @Generation THEN 0 ELSE fetch_needed END, fetch_attempts = 0
        WHERE candidate_id = @CandidateId
        """, new { due.Generation, due.CandidateId }, w.Transaction);
}
