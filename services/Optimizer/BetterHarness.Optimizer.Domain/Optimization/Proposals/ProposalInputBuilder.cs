using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Diagnosis;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;

namespace BetterHarness.Optimizer.Domain.Optimization.Proposals;

/// <summary>
/// The ONE place a proposer's input is built. Its parameters are optimisation-split types only
/// (<see cref="CaseSet{OptimizationSplit}"/>, <see cref="SetResult{OptimizationSplit}"/>), so holdout cases and
/// results cannot reach a proposer without changing this signature — which a test pins.
/// </summary>
public static class ProposalInputBuilder
{
    public static ProposalInput Build(HarnessDocument harness, CaseSet<OptimizationSplit> cases,
        SetResult<OptimizationSplit> results, IReadOnlyList<RejectedAttempt> rejected,
        IReadOnlyList<ToolDefinition> toolCatalog, int maxChanges, int instructionWordsLeft) =>
        new(harness, Diagnoser.Diagnose(cases, results), rejected.ToList(), toolCatalog.ToList(), maxChanges, instructionWordsLeft);
}
