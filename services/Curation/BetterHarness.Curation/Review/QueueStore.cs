using System.Text.Json;
using BetterHarness.Contracts;
using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Domain.Oracle;
using BetterHarness.Curation.Storage;
using BetterHarness.EvalCases.Cases;
using Dapper;

namespace BetterHarness.Curation.Review;

/// <summary>
/// The review queue's intake: proposals from mining, each carrying the candidate whole (withdrawals:
/// <see cref="QueueWithdrawals"/>). Upserts by candidate id; a proposal older than the content held (by <c>At</c>) changes
/// nothing, so redeliveries in any order leave the newest state. A decided item keeps what was decided on. A proposal caused
/// by a newer revision of a trace whose older revision fed an accepted case is queued as a revision of that case
/// (<c>revises_case_id</c>), so one source trace never ends with two active cases.
/// </summary>
public sealed class QueueStore(CurationWrites writes)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Stores the proposal; true when its content is now the pending item's and it is no revision of an accepted case (so
    /// the auto-accept policy may look at it: a person accepted the case, and a person decides a change to it).
    /// </summary>
    public bool Propose(EvalCandidateProposed m, EvalCase candidate)
    {
        var facts = CandidateFacts.From(candidate);
        var oracle = OracleCheck.Run(candidate);
        using var w = writes.Begin();
        var c = w.Connection;
        var at = m.At.ToUniversalTime().ToString("O");
        var args = new
        {
            m.CandidateId, json = EvalCaseJson.Serialize(candidate), facts.Agent, facts.Summary, facts.ClusterId, facts.SupportCount,
            facts.DetectorScore, oracle = JsonSerializer.Serialize(oracle, Json), at, now = w.NowText,
        };
        var existing = c.QueryFirstOrDefault<(string Status, string? ContentAt)?>(
            "SELECT status, content_at FROM queue_items WHERE candidate_id = @CandidateId", new { m.CandidateId }, w.Transaction);
        if (existing is { } e && string.CompareOrdinal(e.ContentAt ?? "", at) > 0)
        {
            w.Commit(); // an older proposal redelivered late: the newer content stays
            return false;
        }
        // A withdrawn candidate mining proposes again is back in the queue.
        var pending = existing is null || existing.Value.Status is QueueStatuses.Pending or QueueStatuses.Withdrawn;
        var revises = pending ? RevisedCase(w, m, facts) : null;
        if (existing is null)
            c.Execute("""
                INSERT INTO queue_items (candidate_id, status, agent, summary, cluster_id, support_count, detector_score, case_json, oracle_json,
                    fetch_needed, fetch_attempts, next_fetch_ms, content_at, proposed_at, updated_at, revises_case_id)
                VALUES (@CandidateId, 'pending', @Agent, @Summary, @ClusterId, @SupportCount, @DetectorScore, @json, @oracle, 0, 0, 0, @at, @at, @now, @revises)
                """, new { args.CandidateId, args.Agent, args.Summary, args.ClusterId, args.SupportCount, args.DetectorScore, args.json, args.oracle,
                    args.at, args.now, revises }, w.Transaction);
        else if (pending)
            c.Execute("""
                UPDATE queue_items SET status = 'pending', case_json = @json, agent = @Agent, summary = @Summary, cluster_id = @ClusterId,
                    support_count = @SupportCount, detector_score = @DetectorScore, oracle_json = @oracle, superseded_by = NULL, content_at = @at, updated_at = @now,
                    revises_case_id = COALESCE(@revises, revises_case_id)
                WHERE candidate_id = @CandidateId
                """, new { args.CandidateId, args.Agent, args.Summary, args.ClusterId, args.SupportCount, args.DetectorScore, args.json, args.oracle,
                    args.at, args.now, revises }, w.Transaction);
        else
            c.Execute("UPDATE queue_items SET support_count = @SupportCount, content_at = @at WHERE candidate_id = @CandidateId", args, w.Transaction);
        if (pending)
        {
            c.Execute("DELETE FROM queue_tags WHERE candidate_id = @CandidateId", new { m.CandidateId }, w.Transaction);
            c.Execute("INSERT INTO queue_tags (candidate_id, tag) VALUES (@CandidateId, @tag)",
                facts.Tags.Distinct().Select(tag => new { m.CandidateId, tag }), w.Transaction);
        }
        var revision = pending && c.QueryFirstOrDefault<string?>("SELECT revises_case_id FROM queue_items WHERE candidate_id = @CandidateId",
            new { m.CandidateId }, w.Transaction) is not null;
        RecordSources(w, m.CandidateId, facts);
        w.Commit();
        return pending && !revision;
    }

    /// <summary>
    /// The active case the proposal revises: the trace whose newer revision caused it fed, at an older revision, a candidate
    /// that was accepted into that case (or a pending revision of it). Null for a new situation.
    /// </summary>
    private static string? RevisedCase(CurationWrite w, EvalCandidateProposed m, CandidateFacts facts)
    {
        if (!facts.Sources.Any(s => s.TraceId == m.TraceId)) return null; // a candidate re-proposed because a trace left it
        var c = w.Connection;
        var previous = c.QueryFirstOrDefault<string?>("SELECT candidate_id FROM queue_sources WHERE trace_id = @TraceId AND candidate_id <> @CandidateId",
            new { m.TraceId, m.CandidateId }, w.Transaction);
        if (previous is null) return null;
        var caseId = c.QueryFirstOrDefault<string?>("""
            SELECT CASE WHEN status = 'accepted' THEN case_id ELSE revises_case_id END FROM queue_items WHERE candidate_id = @previous
            """, new { previous }, w.Transaction);
        return caseId is not null && c.ExecuteScalar<long>("SELECT COUNT(*) FROM cases WHERE id = @caseId AND status = 'active'", new { caseId }, w.Transaction) > 0
            ? caseId : null;
    }

    /// <summary>
    /// Which candidate each source trace's newest revision feeds. A trace that moves here from another candidate is released
    /// by that one (<see cref="TracePins"/>), and pinned by this one while it is pending or accepted.
    /// </summary>
    private static void RecordSources(CurationWrite w, string candidateId, CandidateFacts facts)
    {
        var c = w.Connection;
        var moved = new List<string>();
        foreach (var (traceId, revision) in facts.Sources)
        {
            var previous = c.QueryFirstOrDefault<(long Revision, string CandidateId)?>(
                "SELECT revision, candidate_id FROM queue_sources WHERE trace_id = @traceId", new { traceId }, w.Transaction);
            if (previous is { } p && (p.Revision > revision || p.CandidateId == candidateId)) continue;
            if (previous is { } old) TracePins.Unpin(w, old.CandidateId, [traceId]);
            c.Execute("""
                INSERT INTO queue_sources (trace_id, revision, candidate_id) VALUES (@traceId, @revision, @candidateId)
                ON CONFLICT (trace_id) DO UPDATE SET revision = excluded.revision, candidate_id = excluded.candidate_id
                """, new { traceId, revision, candidateId }, w.Transaction);
            moved.Add(traceId);
        }
        // A proposal merged into a candidate already rejected or superseded pins nothing: nothing will need the trace.
        var status = c.QuerySingle<string>("SELECT status FROM queue_items WHERE candidate_id = @candidateId", new { candidateId }, w.Transaction);
        if (status is QueueStatuses.Pending or QueueStatuses.Accepted) TracePins.Pin(w, candidateId, moved);
    }
}
