using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;
using BetterHarness.Optimizer.Domain.Optimization.Journal;
using BetterHarness.Optimizer.Domain.Optimization.Lint;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;
using BetterHarness.Optimizer.Domain.Optimization.Validation;

namespace BetterHarness.Optimizer.Domain.Optimization.Loop;

/// <summary>
/// Steps 4 and 6 for one candidate: apply the change, lint it, evaluate it on the optimisation set and decide.
/// A change that cannot be applied, changes nothing, or is lint-rejected under a rejecting policy costs no eval.
/// </summary>
public sealed class ValidateStep(SplitEvaluator evaluator, ChangeValidator validator, OverfitLint lint, ValidationPolicy policy)
{
    public async Task<(CandidateOutcome Outcome, long Tokens)> ValidateAsync(HarnessChange change, ScoredVersion current,
        CaseSet<OptimizationSplit> cases, IReadOnlyList<ToolDefinition> catalog, Func<int, int, Task>? onProgress,
        CancellationToken cancellationToken)
    {
        var (harness, error) = HarnessChangeApplier.Apply(current.Harness, change, catalog);
        if (harness is null) return (Skipped(change, null, [], $"cannot be applied: {error}"), 0);
        if (HarnessHash.Of(harness) == HarnessHash.Of(current.Harness)) return (Skipped(change, harness, [], "changes nothing"), 0);
        var flags = lint.Check(change, harness);
        if (policy.RejectOnLintFlags && flags.Count > 0)
            return (Skipped(change, harness, flags, $"overfit lint: {string.Join("; ", flags.Select(f => f.Detail))} (policy rejects flagged changes)"), 0);
        var result = await evaluator.EvaluateAsync(harness, cases, onProgress, cancellationToken);
        var decision = validator.Decide(cases, current.Optimization, result, flags);
        return (new CandidateOutcome(change, harness, flags, decision, result.PassRate), result.Tokens);
    }

    private static CandidateOutcome Skipped(HarnessChange change, HarnessDocument? harness, IReadOnlyList<LintFlag> flags, string reason) =>
        new(change, harness, flags, ValidationDecision.NotEvaluated(reason), null);
}
