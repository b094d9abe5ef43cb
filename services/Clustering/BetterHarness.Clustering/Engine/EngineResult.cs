using BetterHarness.Contracts;

namespace BetterHarness.Clustering.Engine;

/// <summary>What a step of the engine wants published: new assignments and alerts (FailureClusterEmerged / Spiking).</summary>
public sealed record EngineResult(IReadOnlyList<TraceClusterAssignment> Assignments, IReadOnlyList<object> Alerts)
{
    public static readonly EngineResult Empty = new([], []);
}
