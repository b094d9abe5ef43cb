namespace BetterHarness.Optimizer.Domain.Optimization.Validation;

/// <summary>
/// The final version against the baseline on fresh trials of the optimisation set (trial numbers the run never used,
/// so a model with noise draws new noise): the gain must show again, at α, and no must-pass case may fall below its
/// baseline pass rate. A version that fails it is not offered for review.
/// </summary>
/// <param name="Iteration">The iteration whose version was confirmed (or not).</param>
/// <param name="FirstTrial">First trial number of the fresh trials (the run used 0 … FirstTrial − 1).</param>
public sealed record ConfirmationResult(bool Passed, string Reason, int Iteration, int Trials, int FirstTrial,
    double BaselinePassRate, double FinalPassRate, PairedTestResult Test, double Alpha, IReadOnlyList<string> MustPassBelowBaseline);
