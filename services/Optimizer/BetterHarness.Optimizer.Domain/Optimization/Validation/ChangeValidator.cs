using System.Globalization;
using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;
using BetterHarness.Optimizer.Domain.Optimization.Lint;

namespace BetterHarness.Optimizer.Domain.Optimization.Validation;

/// <summary>
/// Step 4: judges a candidate on the optimisation set only — the holdout is not a parameter. <see cref="Assess"/>
/// measures it against the current best (gains, regressions, the paired test) and against the <em>baseline</em> for
/// must-pass cases, so a must-pass case cannot slide a little per accepted step; <see cref="Decide"/> then rejects,
/// in this order: a must-pass case below its baseline pass rate, lint flags under a rejecting policy, more regressed
/// cases than the budget allows, no mean gain, a gain within noise at the family-wise corrected threshold
/// (<see cref="FamilyWiseGate"/>).
/// </summary>
public sealed class ChangeValidator(ValidationPolicy policy)
{
    public ChangeAssessment Assess(CaseSet<OptimizationSplit> cases, SetResult<OptimizationSplit> baseline, SetResult<OptimizationSplit> current,
        SetResult<OptimizationSplit> candidate, IReadOnlyList<LintFlag> lintFlags)
    {
        var differences = current.Cases.Select(c => candidate[c.CaseId].PassRate - c.PassRate).ToList();
        var moved = current.Cases.Zip(differences, (c, d) => (c.CaseId, Difference: d)).ToList();
        var gained = moved.Where(m => m.Difference >= policy.RegressionThreshold - 1e-9).Select(m => m.CaseId).ToList();
        var regressed = moved.Where(m => m.Difference <= -policy.RegressionThreshold + 1e-9).Select(m => m.CaseId).ToList();
        var mustPass = MustPassBelowBaseline(cases, baseline, candidate);
        var test = PairedTest.Run(differences);
        var allowed = policy.AllowedRegressions(cases.Count);
        string? rejection =
            mustPass.Count > 0 ? $"must-pass case{(mustPass.Count > 1 ? "s" : "")} below the baseline pass rate: {string.Join(", ", mustPass)}"
            : policy.RejectOnLintFlags && lintFlags.Count > 0 ? $"overfit lint: {string.Join("; ", lintFlags.Select(f => f.Kind).Distinct())} (policy rejects flagged changes)"
            : regressed.Count > allowed ? $"{regressed.Count} cases regressed, budget {allowed}"
            : test.MeanDifference <= 0 ? $"no gain on the optimisation set (mean difference {F(test.MeanDifference)})"
            : null;
        return new ChangeAssessment(rejection, gained, regressed, mustPass, test, allowed);
    }

    /// <summary>The final decision once the family-wise gate has set this test's adjusted p-value and threshold.</summary>
    public static ValidationDecision Decide(ChangeAssessment a, double adjustedPValue, double threshold)
    {
        var p = a.Test.PValue;
        var shownP = Math.Abs(adjustedPValue - p) < 1e-12 ? $"p = {F(p)}" : $"p = {F(p)}, adjusted {F(adjustedPValue)}";
        var rejection = a.Rejection
            ?? (adjustedPValue >= threshold ? $"gain within noise ({shownP} ≥ {F(threshold)}, the family-wise threshold)" : null);
        var reason = rejection ?? $"gain {F(a.Test.MeanDifference)} beyond noise ({shownP} < {F(threshold)}), {a.Regressed.Count} regressed within budget {a.AllowedRegressions}";
        return new ValidationDecision(rejection is null, reason, a.Gained, a.Regressed, a.MustPassBelowBaseline, a.Test)
        {
            AdjustedPValue = adjustedPValue, Threshold = threshold,
        };
    }

    /// <summary>Must-pass cases whose pass rate under the candidate is below their pass rate under the starting version.</summary>
    public static IReadOnlyList<string> MustPassBelowBaseline<TSplit>(CaseSet<TSplit> cases, SetResult<TSplit> baseline, SetResult<TSplit> candidate)
        where TSplit : ISplit =>
        baseline.Cases.Where(c => cases[c.CaseId].MustPass && candidate[c.CaseId].PassRate < c.PassRate - 1e-9).Select(c => c.CaseId).ToList();

    internal static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>What a candidate did before the family-wise gate: a rejection that needs no statistics, or none, and its test.</summary>
/// <param name="Rejection">Why the change is rejected whatever its p-value; null when only the gain test decides.</param>
public sealed record ChangeAssessment(string? Rejection, IReadOnlyList<string> Gained, IReadOnlyList<string> Regressed,
    IReadOnlyList<string> MustPassBelowBaseline, PairedTestResult Test, int AllowedRegressions);
