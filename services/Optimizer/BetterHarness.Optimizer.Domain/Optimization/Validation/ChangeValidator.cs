using System.Globalization;
using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;
using BetterHarness.Optimizer.Domain.Optimization.Lint;

namespace BetterHarness.Optimizer.Domain.Optimization.Validation;

/// <summary>
/// Step 4: decides a candidate against the current best on the optimisation set only — the holdout is not a
/// parameter. Rejects, in this order: a must-pass regression, lint flags under a rejecting policy, more regressed
/// cases than the budget allows, no mean gain, a gain within noise (paired test).
/// </summary>
public sealed class ChangeValidator(ValidationPolicy policy)
{
    public ValidationDecision Decide(CaseSet<OptimizationSplit> cases, SetResult<OptimizationSplit> current,
        SetResult<OptimizationSplit> candidate, IReadOnlyList<LintFlag> lintFlags)
    {
        var differences = current.Cases.Select(c => candidate[c.CaseId].PassRate - c.PassRate).ToList();
        var moved = current.Cases.Zip(differences, (c, d) => (c.CaseId, Difference: d)).ToList();
        var gained = moved.Where(m => m.Difference >= policy.RegressionThreshold - 1e-9).Select(m => m.CaseId).ToList();
        var regressed = moved.Where(m => m.Difference <= -policy.RegressionThreshold + 1e-9).Select(m => m.CaseId).ToList();
        var mustPass = regressed.Where(id => cases[id].MustPass).ToList();
        var test = PairedTest.Run(differences);
        var allowed = policy.AllowedRegressions(cases.Count);

        string? rejection =
            mustPass.Count > 0 ? $"must-pass case{(mustPass.Count > 1 ? "s" : "")} regressed: {string.Join(", ", mustPass)}"
            : policy.RejectOnLintFlags && lintFlags.Count > 0 ? $"overfit lint: {string.Join("; ", lintFlags.Select(f => f.Kind).Distinct())} (policy rejects flagged changes)"
            : regressed.Count > allowed ? $"{regressed.Count} cases regressed, budget {allowed}"
            : test.MeanDifference <= 0 ? $"no gain on the optimisation set (mean difference {F(test.MeanDifference)})"
            : test.PValue >= policy.Alpha ? $"gain within noise (p = {F(test.PValue)} ≥ {F(policy.Alpha)})"
            : null;
        var reason = rejection ?? $"gain {F(test.MeanDifference)} beyond noise (p = {F(test.PValue)}), {regressed.Count} regressed within budget {allowed}";
        return new ValidationDecision(rejection is null, reason, gained, regressed, mustPass, test);
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
