using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Domain.Optimization.Cases;

namespace BetterHarness.Optimizer.Domain.Optimization.Loop;

/// <summary>What to optimise: the starting harness, both splits, the tools the agent has, and when the run started.</summary>
/// <param name="ToolCatalog">Tools a change may add back; defaults to the starting harness's tools.</param>
/// <param name="StartedAt">Start of the run (kept across restarts, so the wall-time budget spans them).</param>
public sealed record OptimizationRequest(HarnessDocument Harness, CaseSet<OptimizationSplit> Optimization,
    CaseSet<HoldoutSplit> Holdout, DateTimeOffset StartedAt, IReadOnlyList<ToolDefinition>? ToolCatalog = null)
{
    public IReadOnlyList<ToolDefinition> Catalog => ToolCatalog ?? Harness.Tools;
}
