using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Domain.Optimization.Lint;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;
using BetterHarness.Optimizer.Domain.Optimization.Validation;

namespace BetterHarness.Optimizer.Domain.Optimization.Journal;

/// <summary>One decided iteration: every candidate tried, which one (if any) was accepted, its holdout score.</summary>
/// <param name="ChosenIndex">The accepted candidate, or null when every candidate was rejected.</param>
/// <param name="HoldoutPassRate">Holdout pass rate of the accepted version (scored after the decision, never used for it).</param>
/// <param name="Tokens">Proposer and eval tokens this iteration spent.</param>
public sealed record IterationRecord(int Iteration, IReadOnlyList<CandidateOutcome> Candidates, int? ChosenIndex,
    double? HoldoutPassRate, long Tokens)
{
    public CandidateOutcome? Accepted => ChosenIndex is { } i ? Candidates[i] : null;

    /// <summary>What the report shows for the iteration: the accepted candidate, else the best rejected one.</summary>
    public CandidateOutcome? Shown => Accepted ?? Candidates.OrderByDescending(c => c.OptimizationPassRate ?? -1).FirstOrDefault();
}

/// <summary>A candidate change and what validation made of it.</summary>
/// <param name="Harness">The harness with the change applied; null when the change could not be applied.</param>
/// <param name="OptimizationPassRate">Null when the change was not evaluated (it could not be applied or lint rejected it).</param>
public sealed record CandidateOutcome(HarnessChange Change, HarnessDocument? Harness, IReadOnlyList<LintFlag> LintFlags,
    ValidationDecision Decision, double? OptimizationPassRate);
