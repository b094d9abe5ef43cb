namespace BetterHarness.Optimizer.Optimization;

/// <summary>Run status values, as the API shows them.</summary>
public static class OptimizationStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string AwaitingReview = "awaiting_review";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Failed = "failed";

    /// <summary>Statuses a (re)started runner picks up.</summary>
    public static readonly IReadOnlyList<string> Unfinished = [Queued, Running];
}
