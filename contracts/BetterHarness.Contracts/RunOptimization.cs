namespace BetterHarness.Contracts;

/// <summary>
/// Command: run (or resume) the stored optimisation run <see cref="OptimizationId"/>. The run's parameters are in
/// the optimizer's store (<c>GET /api/optimizations/{OptimizationId}</c>); the command only wakes the runner, so it
/// may be sent again safely — a finished run ignores it, an interrupted one continues where it stopped.
/// </summary>
public sealed record RunOptimization
{
    /// <summary>Run id (<c>opt_…</c>).</summary>
    public required string OptimizationId { get; init; }
    /// <summary>The agent whose harness the run improves.</summary>
    public required string Agent { get; init; }
    /// <summary>Who asked for it: an actor name, or <c>auto-trigger</c>.</summary>
    public required string RequestedBy { get; init; }
}
