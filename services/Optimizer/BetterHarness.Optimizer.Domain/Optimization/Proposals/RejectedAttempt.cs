namespace BetterHarness.Optimizer.Domain.Optimization.Proposals;

/// <summary>
/// A change validation rejected, fed back to the next proposal: why, and which optimisation cases (and
/// categories) it made worse, so the next change can avoid them.
/// </summary>
public sealed record RejectedAttempt(int Iteration, HarnessChange Change, string Reason,
    IReadOnlyList<string> RegressedCaseIds, IReadOnlyList<string> RegressedCategories);
