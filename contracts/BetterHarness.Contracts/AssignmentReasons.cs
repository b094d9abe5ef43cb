namespace BetterHarness.Contracts;

/// <summary>The values of <see cref="TracesClustered.Reason"/>: why the traces were (re)assigned.</summary>
public static class AssignmentReasons
{
    /// <summary>Assigned as they arrived, to the nearest current cluster.</summary>
    public const string Online = "online";

    /// <summary>Moved (or first assigned) by a re-clustering.</summary>
    public const string Recluster = "recluster";
}
