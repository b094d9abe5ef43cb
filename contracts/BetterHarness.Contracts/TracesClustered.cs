namespace BetterHarness.Contracts;

/// <summary>
/// Fact: failed traces were assigned to clusters, online (as they arrived) or by a re-clustering that
/// moved them. Published in batches after the assignments are stored, so other services (mining) can tag
/// what they hold with cluster ids. A later message for the same trace supersedes an earlier one.
/// </summary>
public sealed record TracesClustered
{
    /// <summary>Unique id of this batch.</summary>
    public required Guid BatchId { get; init; }
    /// <summary>online or recluster (<see cref="AssignmentReasons"/>).</summary>
    public required string Reason { get; init; }
    /// <summary>One assignment per trace.</summary>
    public required IReadOnlyList<TraceClusterAssignment> Assignments { get; init; }
}
