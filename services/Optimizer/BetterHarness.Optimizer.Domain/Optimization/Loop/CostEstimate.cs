namespace BetterHarness.Optimizer.Domain.Optimization.Loop;

/// <summary>Shown before a run starts: the most eval trials and tokens it can spend.</summary>
/// <param name="MaxTrials">Upper bound on (case, trial) replays: baseline on both splits, then per iteration every
/// candidate on the optimisation set and the holdout for an accepted one, then the confirmation (baseline and final version on
/// fresh trials of the optimisation set).</param>
/// <param name="EstimatedTokens">MaxTrials × estimated tokens per replay (prompt ≈ instructions + tools + case
/// text at 4 characters per token, times <see cref="CostEstimator.StepsPerReplay"/> model calls); zero for a
/// model that charges none.</param>
public sealed record CostEstimate(long MaxTrials, long EstimatedTokens, long TokensPerReplay);
