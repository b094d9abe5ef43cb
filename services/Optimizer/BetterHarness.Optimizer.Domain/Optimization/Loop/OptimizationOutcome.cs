using BetterHarness.Optimizer.Domain.Optimization.Journal;

namespace BetterHarness.Optimizer.Domain.Optimization.Loop;

/// <summary>A finished run: where it started, the best version it reached, every iteration, and why it stopped.</summary>
/// <param name="Tokens">Eval and proposer tokens spent.</param>
public sealed record OptimizationOutcome(ScoredVersion Baseline, ScoredVersion Best, IReadOnlyList<IterationRecord> Iterations,
    string StopReason, CostEstimate Estimate, long Tokens, bool Simulated, string Proposer)
{
    public bool Improved => Best.Iteration > 0;
}
