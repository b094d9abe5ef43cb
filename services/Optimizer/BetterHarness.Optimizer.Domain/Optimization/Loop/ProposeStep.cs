using BetterHarness.Optimizer.Domain.Optimization.Journal;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;

namespace BetterHarness.Optimizer.Domain.Optimization.Loop;

/// <summary>
/// Step 3: asks the proposer for changes — once per iteration: the answer is journaled before it is used, so a
/// restarted run validates the same changes instead of paying for (and getting) different ones.
/// </summary>
public sealed class ProposeStep(IHarnessProposer proposer, IOptimizationJournal journal)
{
    public async Task<Proposal> ProposeAsync(int iteration, ProposalInput input, CancellationToken cancellationToken)
    {
        if (await journal.LoadProposalAsync(iteration, cancellationToken) is { } stored) return stored;
        var proposal = await proposer.ProposeAsync(input, cancellationToken);
        var fresh = proposal.Changes
            .Where(c => !input.RejectedAttempts.Any(r => r.Change.SameEditAs(c)))
            .DistinctBy(c => (c.Kind, c.Target, c.Text.Trim()))
            .Take(input.MaxChanges)
            .ToList();
        proposal = proposal with { Changes = fresh };
        await journal.SaveProposalAsync(iteration, proposal, cancellationToken);
        return proposal;
    }
}
