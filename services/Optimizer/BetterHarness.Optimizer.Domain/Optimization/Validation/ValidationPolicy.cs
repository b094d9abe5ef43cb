namespace BetterHarness.Optimizer.Domain.Optimization.Validation;

/// <summary>When a change counts as an improvement.</summary>
/// <param name="Alpha">Family-wise error rate of one optimisation: the chance that any accepted change (or a confirmed
/// final version) is a no-op that passed by noise. Spent over the iterations (<see cref="FamilyWiseGate"/>).</param>
/// <param name="RegressionThreshold">A case gains or regresses when its pass rate moves by at least this much
/// (0.5: at least half its trials; one flipped trial of three is within noise).</param>
/// <param name="RegressionBudget">Fraction of optimisation cases that may regress in an accepted change (must-pass: none
/// may fall below its baseline pass rate at all).</param>
/// <param name="RejectOnLintFlags">Policy: a change with overfit-lint flags is rejected instead of only flagged.</param>
public sealed record ValidationPolicy(double Alpha = 0.05, double RegressionThreshold = 0.5, double RegressionBudget = 0.05,
    bool RejectOnLintFlags = false)
{
    public int AllowedRegressions(int caseCount) => (int)Math.Floor(RegressionBudget * caseCount);
}
