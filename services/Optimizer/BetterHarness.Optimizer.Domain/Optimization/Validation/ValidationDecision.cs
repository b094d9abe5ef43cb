namespace BetterHarness.Optimizer.Domain.Optimization.Validation;

/// <summary>Whether a candidate change is accepted on the optimisation set, and everything the decision saw.</summary>
/// <param name="Gained">Optimisation cases whose pass rate rose by at least the regression threshold.</param>
/// <param name="Regressed">Optimisation cases whose pass rate fell by at least the regression threshold.</param>
/// <param name="MustPassRegressed">Must-pass cases whose pass rate fell below their <em>baseline</em> pass rate.</param>
public sealed record ValidationDecision(bool Accepted, string Reason, IReadOnlyList<string> Gained,
    IReadOnlyList<string> Regressed, IReadOnlyList<string> MustPassRegressed, PairedTestResult? Test)
{
    /// <summary>The test's p-value after the family-wise correction (Holm within the iteration); null when not tested.</summary>
    public double? AdjustedPValue { get; init; }

    /// <summary>The threshold the adjusted p-value was compared with (the iteration's share of α); null when not tested.</summary>
    public double? Threshold { get; init; }

    public static ValidationDecision NotEvaluated(string reason) => new(false, reason, [], [], [], null);
}
