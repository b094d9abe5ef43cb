namespace BetterHarness.Optimizer.EvalRuns.Api;

/// <summary><c>POST /api/evalruns</c>.</summary>
/// <param name="Version">Harness version; default the agent's current one.</param>
/// <param name="Model">Configured model name; default <c>simulated</c>.</param>
public sealed record StartEvalRunRequest(string? Agent, int? Version, string? SnapshotId, string? Split, string? Category, bool? MustPassOnly,
    IReadOnlyList<string>? CaseIds, string? Model, int? Trials);
