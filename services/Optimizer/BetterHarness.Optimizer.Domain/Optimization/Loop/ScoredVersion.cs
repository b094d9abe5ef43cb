using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;

namespace BetterHarness.Optimizer.Domain.Optimization.Loop;

/// <summary>A harness with its scores on both splits; <see cref="Iteration"/> 0 is the baseline.</summary>
public sealed record ScoredVersion(HarnessDocument Harness, SetResult<OptimizationSplit> Optimization,
    SetResult<HoldoutSplit> Holdout, int Iteration);
