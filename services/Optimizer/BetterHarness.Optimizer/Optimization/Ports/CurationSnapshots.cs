using BetterHarness.Optimizer.EvalRuns.Cases;
using BetterHarness.Optimizer.EvalRuns.Storage;

namespace BetterHarness.Optimizer.Optimization.Ports;

/// <summary>
/// An optimisation's snapshot, read from the curation service's API (never its database) through the optimizer's one
/// curation client, <see cref="CurationCasesClient"/>: the snapshot named, or the agent's latest.
/// </summary>
public sealed class CurationSnapshots(CurationCasesClient curation) : IEvalSnapshots
{
    public async Task<EvalSnapshot> LoadAsync(string agent, string? snapshotId, CancellationToken cancellationToken)
    {
        var id = snapshotId ?? await curation.LatestSnapshotAsync(agent, cancellationToken)
            ?? throw new SnapshotNotFoundException($"agent '{agent}' has no eval snapshot yet: accept or import eval cases in curation first");
        try
        {
            var cases = await curation.LoadAsync(agent, id, new CaseFilter(), cancellationToken);
            return new EvalSnapshot(id, cases.Where(c => c.Agent is null || c.Agent == agent).ToList());
        }
        catch (CasesUnavailableException ex) { throw new SnapshotNotFoundException(ex.Message); }
    }
}
