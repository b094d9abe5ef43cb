using BetterHarness.Optimizer.Domain.Optimization.Lint;
using BetterHarness.Optimizer.Domain.Optimization.Validation;

namespace BetterHarness.Optimizer.Domain.Optimization.Loop;

/// <summary>How one optimisation run climbs and when it stops.</summary>
/// <param name="Trials">Trials per case (k); each case is scored as its pass rate over k.</param>
/// <param name="CandidatesPerIteration">Changes evaluated per iteration; the best accepted one wins.</param>
/// <param name="MaxTokens">Token budget (eval + proposer); null = none.</param>
/// <param name="MaxWallTime">Wall-time budget from the run's start; null = none.</param>
/// <param name="EvaluationChunkSize">Cases per evaluator call; each chunk is journaled (the most a crash redoes).</param>
public sealed record OptimizationSettings
{
    public int MaxIterations { get; init; } = 5;
    public int Trials { get; init; } = 3;
    public int CandidatesPerIteration { get; init; } = 1;
    public long? MaxTokens { get; init; }
    public TimeSpan? MaxWallTime { get; init; }
    public int EvaluationChunkSize { get; init; } = 20;
    public ValidationPolicy Validation { get; init; } = new();
    public LintOptions Lint { get; init; } = new();

    /// <summary>The family-wise gate every test of the run shares.</summary>
    public FamilyWiseGate Gate => new(Validation.Alpha, MaxIterations, CandidatesPerIteration);

    /// <summary>Throws with the setting's name when a value is out of range.</summary>
    public void Check()
    {
        if (MaxIterations is < 0 or > 100) throw new ArgumentException("maxIterations must be between 0 and 100.");
        if (Trials is < 1 or > 20) throw new ArgumentException("trials must be between 1 and 20.");
        if (CandidatesPerIteration is < 1 or > 10) throw new ArgumentException("candidatesPerIteration must be between 1 and 10.");
        if (EvaluationChunkSize < 1) throw new ArgumentException("evaluationChunkSize must be at least 1.");
        if (Validation.Alpha is <= 0 or >= 1) throw new ArgumentException("alpha must be between 0 and 1.");
        if (Validation.RegressionThreshold is <= 0 or > 1) throw new ArgumentException("regressionThreshold must be in (0, 1].");
        if (Validation.RegressionBudget is < 0 or > 1) throw new ArgumentException("regressionBudget must be in [0, 1].");
    }
}
