using BetterHarness.Contracts;
using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Storage;
using BetterHarness.ServiceDefaults.Security;

namespace BetterHarness.Curation.Evals;

/// <summary>
/// Collects the case changes of one action inside its write, then takes one snapshot per agent touched and
/// stores the facts to publish (<see cref="EvalCaseAccepted"/>, <see cref="EvalCaseRetired"/>, <see cref="EvalSetChanged"/>).
/// </summary>
internal sealed class EvalChanges(CurationWrite write, Actor actor, string action)
{
    private readonly List<CaseState> _accepted = [];
    private readonly List<CaseState> _retired = [];
    private readonly HashSet<string> _agents = new(StringComparer.Ordinal);

    public void Accepted(CaseState state) { _accepted.Add(state); _agents.Add(state.Agent); }

    public void Retired(CaseState state) { _retired.Add(state); _agents.Add(state.Agent); }

    public void Edited(CaseState state) => _agents.Add(state.Agent);

    /// <summary>Snapshots per agent (only agents whose active set really changed get a new one).</summary>
    public IReadOnlyDictionary<string, SnapshotTaken> Finish()
    {
        var snapshots = _agents.Order(StringComparer.Ordinal)
            .ToDictionary(a => a, a => Snapshots.Take(write, a, action, actor.Name), StringComparer.Ordinal);
        foreach (var s in snapshots.Values.Where(s => s.IsNew))
            write.Publish(new EvalSetChanged
            {
                SnapshotId = s.Id, Agent = s.Agent, PreviousSnapshotId = s.PreviousId, Action = action, CaseCount = s.CaseCount,
                Actor = actor.Name, At = write.Now,
            });
        foreach (var c in _accepted)
            write.Publish(new EvalCaseAccepted
            {
                CaseId = c.Id, Agent = c.Agent, Revision = c.Revision, Category = c.Category, Split = c.Split, MustPass = c.MustPass,
                SourceCandidateId = c.SourceCandidateId, AutoAccepted = c.AutoAccepted, Actor = actor.Name,
                SnapshotId = snapshots[c.Agent].Id, At = write.Now,
            });
        foreach (var c in _retired)
            write.Publish(new EvalCaseRetired
            {
                CaseId = c.Id, Agent = c.Agent, Revision = c.Revision, Reason = c.RetiredReason ?? "", Actor = actor.Name,
                SnapshotId = snapshots[c.Agent].Id, At = write.Now,
            });
        return snapshots;
    }
}
