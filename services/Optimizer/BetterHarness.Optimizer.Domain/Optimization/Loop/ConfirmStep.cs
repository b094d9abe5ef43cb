using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;
using BetterHarness.Optimizer.Domain.Optimization.Validation;

namespace BetterHarness.Optimizer.Domain.Optimization.Loop;

/// <summary>
/// Step 7b, before review: the best version and the baseline again on the optimisation set, on fresh trials (the
/// <paramref name="fresh"/> evaluator numbers its trials after the run's own). Every accepted step was already a
/// selection among tries; this is one more test on data the selection never saw, at the run's α.
/// </summary>
public sealed class ConfirmStep(SplitEvaluator fresh, double alpha)
{
    public async Task<ConfirmationResult> ConfirmAsync(ScoredVersion baseline, ScoredVersion best, CaseSet<OptimizationSplit> cases,
        Func<int, int, Task>? onProgress, CancellationToken cancellationToken)
    {
        var before = await fresh.EvaluateAsync(baseline.Harness, cases, onProgress, cancellationToken);
        var after = await fresh.EvaluateAsync(best.Harness, cases, onProgress, cancellationToken);
        var test = PairedTest.Run(before.Cases.Select(c => after[c.CaseId].PassRate - c.PassRate).ToList());
        var mustPass = ChangeValidator.MustPassBelowBaseline(cases, before, after);
        var reason =
            mustPass.Count > 0 ? $"must-pass case{(mustPass.Count > 1 ? "s" : "")} below the baseline on fresh trials: {string.Join(", ", mustPass)}"
            : test.MeanDifference <= 0 ? $"the gain did not reproduce on fresh trials (mean difference {ChangeValidator.F(test.MeanDifference)})"
            : test.PValue >= alpha ? $"the gain on fresh trials is within noise (p = {ChangeValidator.F(test.PValue)} ≥ {ChangeValidator.F(alpha)})"
            : null;
        return new ConfirmationResult(reason is null,
            reason ?? $"confirmed on fresh trials: gain {ChangeValidator.F(test.MeanDifference)}, p = {ChangeValidator.F(test.PValue)} < {ChangeValidator.F(alpha)}",
            best.Iteration, fresh.Trials, fresh.FirstTrial, before.PassRate, after.PassRate, test, alpha, mustPass);
    }
}
