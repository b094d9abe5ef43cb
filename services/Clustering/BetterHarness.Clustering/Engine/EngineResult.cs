using BetterHarness.Contracts;

namespace BetterHarness.Clustering.Engine;

/// <summary>
/// What a step of the engine stored and announced through the outbox: assignments (as <see cref="TracesClustered"/>),
/// clusters that emerged and clusters that spiked, and how many failures were withdrawn (no longer failed).
/// </summary>
public sealed record EngineResult(
    IReadOnlyList<TraceClusterAssignment> Assignments, IReadOnlyList<FailureClusterEmerged> Emerged, IReadOnlyList<FailureClusterSpiking> Spiking)
{
    public static readonly EngineResult Empty = new([], [], []);

    /// <summary>Failures that left their cluster because a newer revision of the trace is no longer flagged.</summary>
    public int Withdrawn { get; init; }
}
