namespace BetterHarness.Contracts;

/// <summary>
/// Fact: an optimisation run reached a step of its loop (estimate, baseline, diagnose, propose, validate, holdout,
/// decided, stopped). For progress displays; the run's state is in the optimizer's store.
/// </summary>
public sealed record OptimizationProgressed
{
    /// <summary>Run id (<c>opt_…</c>).</summary>
    public required string OptimizationId { get; init; }
    /// <summary>Loop step name.</summary>
    public required string Stage { get; init; }
    /// <summary>Iteration number; 0 for the baseline.</summary>
    public required int Iteration { get; init; }
    /// <summary>One readable line.</summary>
    public required string Message { get; init; }
    /// <summary>Optimisation-set pass rate of the best version so far, when known.</summary>
    public double? OptimizationPassRate { get; init; }
    /// <summary>When it happened, UTC.</summary>
    public required DateTimeOffset At { get; init; }
}
