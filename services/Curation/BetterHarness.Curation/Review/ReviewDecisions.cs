using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Domain.Splits;
using BetterHarness.Curation.Evals;
using BetterHarness.Curation.Storage;
using BetterHarness.ServiceDefaults.Security;
using Dapper;
using Microsoft.Extensions.Options;

namespace BetterHarness.Curation.Review;

/// <summary>One candidate to accept and the curator's edits to it.</summary>
public sealed record AcceptItem(string CandidateId, CaseEdits Edits);

/// <summary>What accepting one candidate did: a case (status accepted) or a vote still waiting for more reviewers (pending).</summary>
public sealed record AcceptOutcome(string CandidateId, string Status, string? CaseId, int? Revision, int Accepts, int RequiredAccepts);

/// <summary>The outcome of one accept or reject action; <see cref="Snapshots"/> holds one snapshot per agent whose set changed.</summary>
public sealed record DecisionResult(IReadOnlyList<AcceptOutcome> Accepted, IReadOnlyList<string> Rejected, IReadOnlyDictionary<string, SnapshotTaken> Snapshots)
{
    /// <summary>The action's snapshot: the one snapshot when one agent was touched (the usual case), else the first.</summary>
    public string? SnapshotId => Snapshots.Values.FirstOrDefault()?.Id;
}

/// <summary>
/// Accept (with edits) and reject, one candidate or many in one transaction. All-or-nothing: an unknown,
/// leased-by-someone-else or differently decided candidate fails the whole action and nothing changes. Idempotent: the
/// same accept (same edits) or the same reject (same reason) of a candidate already decided that way changes nothing and
/// answers as the first one did (same case, revision and snapshot), so a client that lost the answer can safely retry.
/// </summary>
public sealed class ReviewDecisions(CurationWrites writes, CurationDatabase db, SituationVectors vectors, IOptions<CurationOptions> options)
{
    public DecisionResult Accept(Actor actor, IReadOnlyList<AcceptItem> items, bool autoAccepted = false, string action = "accept")
    {
        var prepared = vectors.Prepare(items.Select(SituationText).OfType<string>());
        using var w = writes.Begin();
        var changes = new EvalChanges(w, actor, action);
        var outcomes = new List<AcceptOutcome>();
        var accepted = new List<(string CandidateId, string Agent)>();
        var earlierSnapshots = new List<string>();
        foreach (var item in items.DistinctBy(i => i.CandidateId).OrderBy(i => i.CandidateId, StringComparer.Ordinal))
        {
            var row = QueueRow.Load(w, item.CandidateId);
            if (Earlier(w, row, item) is { } earlier)
            {
                outcomes.Add(earlier);
                if (row.SnapshotId is { } s) earlierSnapshots.Add(s);
                continue;
            }
            var (outcome, agent) = AcceptOne(w, changes, actor, row, item, autoAccepted, prepared);
            outcomes.Add(outcome);
            if (agent is not null) accepted.Add((item.CandidateId, agent));
        }
        var snapshots = new Dictionary<string, SnapshotTaken>(changes.Finish(), StringComparer.Ordinal);
        w.Connection.Execute("UPDATE queue_items SET snapshot_id = @id WHERE candidate_id = @CandidateId",
            accepted.Select(a => new { id = snapshots[a.Agent].Id, a.CandidateId }), w.Transaction);
        foreach (var s in Snapshots.Load(w, earlierSnapshots)) snapshots.TryAdd(s.Agent, s);
        w.Commit();
        return new DecisionResult(outcomes, [], snapshots);
    }

    /// <param name="verdict"><see cref="Domain.Verdicts.RejectVerdicts"/>: whether the rejection says the candidate's correction is one.</param>
    public DecisionResult Reject(Actor actor, IReadOnlyList<string> candidateIds, string reason, string verdict = Domain.Verdicts.RejectVerdicts.Other)
    {
        using var w = writes.Begin();
        foreach (var id in candidateIds.Distinct().Order(StringComparer.Ordinal))
        {
            var row = QueueRow.Load(w, id);
            if (row.Status == QueueStatuses.Rejected && row.Reason == reason) continue; // the same rejection again
            row.EnsureDecidable(actor.Name, w.Now.ToUnixTimeMilliseconds(), "reject");
            if (Domain.Verdicts.RejectVerdicts.Label(verdict) is { } label)
                ReviewVerdicts.Publish(w, id, row.Agent, row.CaseJson, actor, label, "reject", reason);
            w.Connection.Execute("""
                UPDATE queue_items SET status = 'rejected', reason = @reason, decided_by = @name, lease_holder = NULL, lease_expires_ms = NULL,
                    updated_at = @now WHERE candidate_id = @id
                """, new { reason, name = actor.Name, now = w.NowText, id }, w.Transaction);
            AuditLog.Append(w.Connection, w.Transaction, actor, "reject", id, reason, w.Now);
            TracePins.Release(w, id);
        }
        w.Commit();
        return new DecisionResult([], candidateIds.Distinct().ToList(), new Dictionary<string, SnapshotTaken>());
    }

    /// <summary>The situation text of the candidate as it will be accepted, read before the write lock (null without content).</summary>
    private string? SituationText(AcceptItem item)
    {
        using var c = db.Database.Open();
        var json = c.QueryFirstOrDefault<string?>("SELECT case_json FROM queue_items WHERE candidate_id = @CandidateId", new { item.CandidateId });
        return json is null ? null : SituationKeys.Text(item.Edits.ApplyTo(CaseDocument.Content((JsonObject)JsonNode.Parse(json)!)));
    }

    /// <summary>
    /// The answer an earlier accept of this candidate gave, when the request is that same accept again (same edits); null
    /// otherwise (a pending candidate is decided now; any other state answers with the conflict).
    /// </summary>
    private AcceptOutcome? Earlier(CurationWrite w, QueueRow row, AcceptItem item)
    {
        if (row.Status != QueueStatuses.Accepted) return null;
        // Accepted before decisions were kept: only an accept without edits is known to be the same.
        if (row.DecisionKey is { } key ? key != item.Edits.Digest() : !item.Edits.IsEmpty) return null;
        var accepts = w.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM review_votes WHERE candidate_id = @CandidateId AND vote = 'accept'",
            new { row.CandidateId }, w.Transaction);
        var required = row.DecidedBy == AutoAcceptor.Actor.Name ? 1 : options.Value.RequiredAccepts;
        return new AcceptOutcome(row.CandidateId, QueueStatuses.Accepted, row.CaseId, row.CaseRevision, accepts, required);
    }

    /// <returns>The outcome, and the agent whose eval set changed (null while the vote still waits for more reviewers).</returns>
    private (AcceptOutcome Outcome, string? Agent) AcceptOne(CurationWrite w, EvalChanges changes, Actor actor, QueueRow row, AcceptItem item,
        bool autoAccepted, IReadOnlyDictionary<string, float[]> prepared)
    {
        row.EnsureDecidable(actor.Name, w.Now.ToUnixTimeMilliseconds(), "accept");
        if (row.CaseJson is null)
            throw new ReviewConflictException($"candidate {item.CandidateId} has no case content (proposed by an older mining service); re-mine its trace");
        var content = item.Edits.ApplyTo(CaseDocument.Content((JsonObject)JsonNode.Parse(row.CaseJson)!));
        var required = autoAccepted ? 1 : options.Value.RequiredAccepts;
        w.Connection.Execute("INSERT INTO review_votes (candidate_id, actor, vote, at) VALUES (@CandidateId, @name, 'accept', @now) ON CONFLICT DO NOTHING",
            new { item.CandidateId, name = actor.Name, now = w.NowText }, w.Transaction);
        var accepts = w.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM review_votes WHERE candidate_id = @CandidateId AND vote = 'accept'",
            new { item.CandidateId }, w.Transaction);
        if (accepts < required)
        {
            // Earlier reviewers' edits stay on the draft the next reviewer sees.
            w.Connection.Execute("UPDATE queue_items SET case_json = @json, lease_holder = NULL, lease_expires_ms = NULL, updated_at = @now WHERE candidate_id = @CandidateId",
                new { json = content.ToJsonString(), now = w.NowText, item.CandidateId }, w.Transaction);
            AuditLog.Append(w.Connection, w.Transaction, actor, "accept-vote", item.CandidateId, $"{accepts} of {required} accepts", w.Now);
            return (new AcceptOutcome(item.CandidateId, QueueStatuses.Pending, null, null, accepts, required), null);
        }

        // A newer revision of an accepted case's source trace revises that case (while it is active): same id, same split.
        var revised = row.RevisesCaseId is { } r && CaseRows.Current(w, r)?.State is { Status: CaseStatuses.Active } ? r : null;
        var caseId = revised ?? CaseIdFor(item.CandidateId);
        var agent = row.Agent ?? "unknown";
        var existing = CaseRows.Current(w, caseId)?.State;
        var category = item.Edits.Category ?? (revised is null ? null : existing?.Category) ?? PrimaryCategory.For(CaseDocument.Tags(content));
        var split = existing?.Split ?? Situations.Assign(w, agent, category, caseId, content, vectors.Get(prepared, SituationKeys.Text(content)),
            options.Value.HoldoutFraction, options.Value.SituationSimilarity).Split;
        var state = new CaseState(caseId, agent, category, split, item.Edits.MustPass ?? existing?.MustPass ?? false, CaseStatuses.Active,
            (existing?.Revision ?? 0) + 1, item.CandidateId, autoAccepted, null);
        CaseRows.Write(w, state, content, "accept", actor.Name, revised is null ? null : $"newer revision of its source trace, from {item.CandidateId}");
        w.Connection.Execute("""
            UPDATE queue_items SET status = 'accepted', case_id = @caseId, case_revision = @Revision, decision_key = @key, decided_by = @name,
                lease_holder = NULL, lease_expires_ms = NULL, updated_at = @now WHERE candidate_id = @CandidateId
            """, new { caseId, state.Revision, key = item.Edits.Digest(), name = actor.Name, now = w.NowText, item.CandidateId }, w.Transaction);
        var edited = item.Edits.IsEmpty ? "" : " with edits";
        var what = revised is null ? "" : $"revision {state.Revision} ";
        AuditLog.Append(w.Connection, w.Transaction, actor, autoAccepted ? "auto-accept" : "accept", caseId,
            $"{what}from {item.CandidateId}{edited}; category {category}, split {split}", w.Now);
        changes.Accepted(state);
        // A person's accept says the correction is one; the auto-accept policy's says nothing about it.
        if (!autoAccepted) ReviewVerdicts.Publish(w, item.CandidateId, agent, row.CaseJson, actor, true, "accept", null);
        return (new AcceptOutcome(item.CandidateId, QueueStatuses.Accepted, caseId, state.Revision, accepts, required), agent);
    }

    /// <summary><c>cand_X</c> becomes <c>case_X</c>, so a case names its candidate and accepting twice cannot create two cases.</summary>
    public static string CaseIdFor(string candidateId) => candidateId.StartsWith("cand_", StringComparison.Ordinal)
        ? "case_" + candidateId[5..]
        : "case_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(candidateId)))[..32];
}
