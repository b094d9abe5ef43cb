namespace BetterHarness.Contracts;

/// <summary>
/// Fact: an optimisation run ended: <c>awaiting_review</c> (its best harness version waits for approval) or
/// <c>failed</c>. The report is at <c>GET /api/optimizations/{OptimizationId}</c>.
/// </summary>
public sealed record OptimizationFinished
{
    /// <summary>Run id (<c>opt_…</c>).</summary>
    public required string OptimizationId { get; init; }
    /// <summary>The agent whose harness was optimised.</summary>
    public required string Agent { get; init; }
    /// <summary><c>awaiting_review</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }
    /// <summary>Harness version awaiting review (none when the run failed).</summary>
    public int? HarnessVersion { get; init; }
    /// <summary>Optimisation-set pass rates before and after (none when the run failed).</summary>
    public double? BaselinePassRate { get; init; }
    /// <summary>See <see cref="BaselinePassRate"/>.</summary>
    public double? FinalPassRate { get; init; }
    /// <summary>True when the eval model was the simulation.</summary>
    public required bool Simulated { get; init; }
    /// <summary>When it ended, UTC.</summary>
    public required DateTimeOffset At { get; init; }
}
