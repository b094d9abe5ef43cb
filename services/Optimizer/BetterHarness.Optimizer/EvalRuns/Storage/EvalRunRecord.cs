namespace BetterHarness.Optimizer.EvalRuns.Storage;

/// <summary>A stored eval run (without its results).</summary>
public sealed record EvalRunRecord(string Id, string Agent, int HarnessVersion, string? SnapshotId, CaseFilter Filter, string Model,
    bool Simulated, int Trials, string Status, string? Error, int CaseCount, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

/// <summary>Which cases of the snapshot (or of the agent's active set) a run takes.</summary>
public sealed record CaseFilter(string? Split = null, string? Category = null, bool MustPassOnly = false, IReadOnlyList<string>? CaseIds = null);

public static class EvalRunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>A case as the run froze it: what results are grouped by.</summary>
public sealed record RunCase(string CaseId, string? Split, string Category, string? ClusterId, bool MustPass);

/// <summary>One stored (case, trial) result without its transcript.</summary>
public sealed record StoredTrial(string CaseId, int Trial, bool Passed, string GradersJson, long InputTokens, long OutputTokens, double DurationMs, double ModelMs);
