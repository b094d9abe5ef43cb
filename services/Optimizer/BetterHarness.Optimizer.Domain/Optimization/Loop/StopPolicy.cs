using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;

namespace BetterHarness.Optimizer.Domain.Optimization.Loop;

/// <summary>Step 7: stop when nothing fails, or a budget (iterations, tokens, wall time) is spent.</summary>
public sealed class StopPolicy(OptimizationSettings settings, TimeProvider clock)
{
    /// <returns>Why to stop before <paramref name="nextIteration"/>, or null to go on.</returns>
    public string? Check(int nextIteration, SetResult<OptimizationSplit> best, long tokensSpent, DateTimeOffset startedAt)
    {
        if (best.AllPass) return "nothing fails on the optimisation set";
        if (nextIteration > settings.MaxIterations) return $"iteration budget reached ({settings.MaxIterations})";
        if (settings.MaxTokens is { } tokens && tokensSpent >= tokens) return $"token budget reached ({tokensSpent} of {tokens})";
        if (settings.MaxWallTime is { } wall && clock.GetUtcNow() - startedAt >= wall) return $"wall-time budget reached ({wall})";
        return null;
    }
}
