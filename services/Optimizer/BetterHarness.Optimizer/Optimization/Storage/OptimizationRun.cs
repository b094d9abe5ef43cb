namespace BetterHarness.Optimizer.Optimization.Storage;

/// <summary>A stored optimisation run. <see cref="RequestedPrincipal"/>: the person behind <see cref="RequestedBy"/> (a key's owner).</summary>
public sealed record OptimizationRun(string Id, string Agent, string Status, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, string RequestedBy, OptimizationParameters Parameters, int? BaseVersion, int? HarnessVersion,
    string? ReportJson, string? Progress, string? Error, string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionReason,
    string? RequestedPrincipal = null);

/// <summary>What was asked for (the body of <c>POST /api/optimizations</c>, defaults filled in).</summary>
/// <param name="Model"><c>simulated</c> or a configured model name.</param>
public sealed record OptimizationParameters(string? SnapshotId, int MaxIterations, int Trials, string Model);
