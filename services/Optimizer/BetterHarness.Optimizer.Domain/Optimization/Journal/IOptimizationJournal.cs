using BetterHarness.Optimizer.Domain.Optimization.Evaluation;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;

namespace BetterHarness.Optimizer.Domain.Optimization.Journal;

/// <summary>
/// Everything one optimisation run has finished, stored as it finishes: eval results per case, each iteration's
/// proposal (a model's proposal costs tokens and is not reproducible) and each decided iteration. A restarted run
/// replays from it and redoes nothing it holds.
/// </summary>
public interface IOptimizationJournal
{
    /// <param name="evaluationKey">split + harness content hash.</param>
    Task<IReadOnlyList<CaseResult>> LoadCaseResultsAsync(string evaluationKey, CancellationToken cancellationToken);

    Task SaveCaseResultsAsync(string evaluationKey, IReadOnlyList<CaseResult> results, CancellationToken cancellationToken);

    Task<Proposal?> LoadProposalAsync(int iteration, CancellationToken cancellationToken);

    Task SaveProposalAsync(int iteration, Proposal proposal, CancellationToken cancellationToken);

    /// <summary>Decided iterations in order.</summary>
    Task<IReadOnlyList<IterationRecord>> LoadIterationsAsync(CancellationToken cancellationToken);

    Task SaveIterationAsync(IterationRecord record, CancellationToken cancellationToken);
}
