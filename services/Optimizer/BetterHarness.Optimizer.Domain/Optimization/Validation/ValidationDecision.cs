namespace BetterHarness.Optimizer.Domain.Optimization.Validation;

/// <summary>Whether a candidate change is accepted on the optimisation set, and everything the decision saw.</summary>
/// <param name="Gained">Optimisation cases whose pass rate rose by at least the regression threshold.</param>
/// <param name="Regressed">Optimisation cases whose pass rate fell by at least the regression threshold.</param>
/// <param name="MustPassRegressed">The must-pass cases among <paramref name="Regressed"/>.</param>
public sealed record ValidationDecision(bool Accepted, string Reason, IReadOnlyList<string> Gained,
    IReadOnlyList<string> Regressed, IReadOnlyList<string> MustPassRegressed, PairedTestResult? Test)
{
    public static ValidationDecision NotEvaluated(string reason) => new(false, reason, [], [], [], null);
}
