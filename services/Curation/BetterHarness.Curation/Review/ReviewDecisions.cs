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
/// decided or leased-by-someone-else candidate fails the whole action and nothing changes.
/// </summary>
public sealed class ReviewDecisions(CurationWrites writes, CurationDatabase db, SituationVectors vectors, IOptions<CurationOptions> options)
{
    public DecisionResult Accept(Actor actor, IReadOnlyList<AcceptItem> items, bool autoAccepted = false, string action = "accept")
    {
        var prepared = vectors.Prepare(items.Select(SituationText).OfType<string>());
        using var w = writes.Begin();
        var changes = new EvalChanges(w, actor, action);
        var outcomes = new List<AcceptOutcome>();
        foreach (var item in items.DistinctBy(i => i.CandidateId).OrderBy(i => i.CandidateId, StringComparer.Ordinal))
            outcomes.Add(AcceptOne(w, changes, actor, item, autoAccepted, prepared));
        var snapshots = changes.Finish();
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
            row.EnsureDecidable(actor.Name, w.Now.ToUnixTimeMilliseconds());
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

    private AcceptOutcome AcceptOne(CurationWrite w, EvalChanges changes, Actor actor, AcceptItem item, bool autoAccepted,
        IReadOnlyDictionary<string, float[]> prepared)
    {
        var row = QueueRow.Load(w, item.CandidateId);
        row.EnsureDecidable(actor.Name, w.Now.ToUnixTimeMilliseconds());
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
            return new AcceptOutcome(item.CandidateId, QueueStatuses.Pending, null, null, accepts, required);
        }

        var caseId = CaseIdFor(item.CandidateId);
        var agent = row.Agent ?? "unknown";
        var category = item.Edits.Category ?? PrimaryCategory.For(CaseDocument.Tags(content));
        var existing = CaseRows.Current(w, caseId)?.State;
        var split = existing?.Split ?? Situations.Assign(w, agent, category, caseId, content, vectors.Get(prepared, SituationKeys.Text(content)),
            options.Value.HoldoutFraction, options.Value.SituationSimilarity).Split;
        var state = new CaseState(caseId, agent, category, split, item.Edits.MustPass ?? existing?.MustPass ?? false, CaseStatuses.Active,
            (existing?.Revision ?? 0) + 1, item.CandidateId, autoAccepted, null);
        CaseRows.Write(w, state, content, "accept", actor.Name, null);
        w.Connection.Execute("""
            UPDATE queue_items SET status = 'accepted', case_id = @caseId, decided_by = @name, lease_holder = NULL, lease_expires_ms = NULL,
                updated_at = @now WHERE candidate_id = @CandidateId
            """, new { caseId, name = actor.Name, now = w.NowText, item.CandidateId }, w.Transaction);
        var edited = item.Edits.IsEmpty ? "" : " with edits";
        AuditLog.Append(w.Connection, w.Transaction, actor, autoAccepted ? "auto-accept" : "accept", caseId,
            $"from {item.CandidateId}{edited}; category {category}, split {split}", w.Now);
        changes.Accepted(state);
        // A person's accept says the correction is one; the auto-accept policy's says nothing about it.
        if (!autoAccepted) ReviewVerdicts.Publish(w, item.CandidateId, agent, row.CaseJson, actor, true, "accept", null);
        return new AcceptOutcome(item.CandidateId, QueueStatuses.Accepted, caseId, state.Revision, accepts, required);
    }

    /// <summary><c>cand_X</c> becomes <c>case_X</c>, so a case names its candidate and accepting twice cannot create two cases.</summary>
    public static string CaseIdFor(string candidateId) => candidateId.StartsWith("cand_", StringComparison.Ordinal)
        ? "case_" + candidateId[5..]
        : "case_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(candidateId)))[..32];
}
