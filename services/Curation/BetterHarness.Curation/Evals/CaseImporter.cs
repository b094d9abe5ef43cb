using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Domain.History;
using BetterHarness.Curation.Domain.Import;
using BetterHarness.Curation.Storage;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

namespace BetterHarness.Curation.Evals;

/// <summary>What an import stored: new cases, new revisions of known ones, lines identical to the stored case.</summary>
public sealed record ImportResult(int Created, int Updated, int Unchanged, IReadOnlyDictionary<string, SnapshotTaken> Snapshots);

/// <summary>
/// Stores already-validated import lines in one transaction (the endpoint rejects the whole file when any line is
/// bad, so nothing is half-imported). A new case keeps the split its line carries (an export re-imported), else
/// gets one; a known case gets a new revision and keeps its split. One snapshot per agent touched.
/// </summary>
public sealed class CaseImporter(CurationWrites writes, IOptions<CurationOptions> options)
{
    public ImportResult Import(Actor actor, IReadOnlyList<ImportedCase> cases)
    {
        using var w = writes.Begin();
        var changes = new EvalChanges(w, actor, "import");
        int created = 0, updated = 0, unchanged = 0;
        foreach (var line in cases)
        {
            var existing = CaseRows.Current(w, line.Id);
            var category = line.Category ?? existing?.State.Category ?? PrimaryCategory.For(CaseDocument.Tags(line.Content));
            var split = existing?.State.Split ?? line.Split ?? CaseRows.NextSplit(w, line.Agent, category, line.Id, options.Value.HoldoutFraction);
            var state = new CaseState(line.Id, line.Agent, category, split, line.MustPass ?? existing?.State.MustPass ?? false,
                line.Retired ? CaseStatuses.Retired : CaseStatuses.Active, (existing?.State.Revision ?? 0) + 1,
                line.SourceCandidateId ?? existing?.State.SourceCandidateId, line.AutoAccepted, line.RetiredReason);
            if (existing is { } e && JsonDiff.Compare(e.Document, CaseDocument.Compose(line.Content, state with { Revision = e.State.Revision })).Count == 0)
            {
                unchanged++;
                continue;
            }
            if (existing is { } moved && moved.State.Agent != line.Agent) changes.Edited(moved.State);
            CaseRows.Write(w, state, line.Content, "import", actor.Name, null);
            AuditLog.Append(w.Connection, w.Transaction, actor, "import", line.Id,
                existing is null ? $"new case, category {category}, split {split}" : $"revision {state.Revision}", w.Now);
            if (existing is null) created++; else updated++;
            if (state.Status == CaseStatuses.Retired) changes.Edited(state); else changes.Accepted(state);
        }
        var snapshots = changes.Finish();
        w.Commit();
        if (created + updated == 0) AuditScope.NothingChanged();
        return new ImportResult(created, updated, unchanged, snapshots);
    }
}
