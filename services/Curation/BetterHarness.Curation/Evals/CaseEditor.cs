using System.Text.Json.Nodes;
using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Domain.History;
using BetterHarness.Curation.Storage;
using BetterHarness.ServiceDefaults.Security;

namespace BetterHarness.Curation.Evals;

/// <summary>A case after a change, and the snapshot of its agent's active set that includes the change.</summary>
public sealed record CaseChanged(JsonObject Document, string SnapshotId, bool Changed);

/// <summary>
/// Edits and retirement of stored cases. Every change is a new revision (the old ones stay readable) and a new
/// snapshot; an edit that changes nothing stores nothing. The split never changes, not even with the category.
/// </summary>
public sealed class CaseEditor(CurationWrites writes)
{
    public CaseChanged Edit(Actor actor, string caseId, CaseEdits edits)
    {
        using var w = writes.Begin();
        var (state, doc) = Load(w, caseId);
        if (state.Status == CaseStatuses.Retired) throw new ReviewConflictException($"case {caseId} is retired; retired cases are not edited");
        var content = edits.ApplyTo(CaseDocument.Content(doc));
        var next = state with { Category = edits.Category ?? state.Category, MustPass = edits.MustPass ?? state.MustPass, Revision = state.Revision + 1 };
        var changed = JsonDiff.Compare(CaseDocument.Compose(CaseDocument.Content(doc), state with { Revision = 0 }),
            CaseDocument.Compose(content, next with { Revision = 0 }));
        if (changed.Count == 0)
        {
            var unchanged = new EvalChanges(w, actor, "edit");
            unchanged.Edited(state);
            var current = unchanged.Finish()[state.Agent].Id;
            w.Commit();
            AuditScope.NothingChanged();
            return new CaseChanged(doc, current, false);
        }
        var written = CaseRows.Write(w, next, content, "edit", actor.Name, null);
        AuditLog.Append(w.Connection, w.Transaction, actor, "edit", caseId,
            $"revision {next.Revision}: {string.Join(", ", changed.Select(c => c.Path[2..]).Take(20))}", w.Now);
        var changes = new EvalChanges(w, actor, "edit");
        changes.Edited(next);
        var snapshot = changes.Finish()[next.Agent].Id;
        w.Commit();
        return new CaseChanged(written, snapshot, true);
    }

    public CaseChanged Retire(Actor actor, string caseId, string reason)
    {
        using var w = writes.Begin();
        var (state, doc) = Load(w, caseId);
        if (state.Status == CaseStatuses.Retired) throw new ReviewConflictException($"case {caseId} is already retired ({state.RetiredReason})");
        var next = state with { Status = CaseStatuses.Retired, RetiredReason = reason, Revision = state.Revision + 1 };
        var written = CaseRows.Write(w, next, CaseDocument.Content(doc), "retire", actor.Name, reason);
        AuditLog.Append(w.Connection, w.Transaction, actor, "retire", caseId, reason, w.Now);
        if (state.SourceCandidateId is { } candidateId) Review.TracePins.Release(w, candidateId);
        var changes = new EvalChanges(w, actor, "retire");
        changes.Retired(next);
        var snapshot = changes.Finish()[next.Agent].Id;
        w.Commit();
        return new CaseChanged(written, snapshot, true);
    }

    private static (CaseState State, JsonObject Document) Load(CurationWrite w, string caseId) =>
        CaseRows.Current(w, caseId) ?? throw new UnknownIdException($"case {caseId} is not in the eval store");
}
