namespace BetterHarness.Contracts;

/// <summary>
/// Fact: an eval run ended, completed or failed. The results stay in the optimizer's store
/// (<c>GET /api/evalruns/{RunId}</c>). A run resumed after a crash may publish this again with the same content.
/// </summary>
public sealed record EvalRunFinished
{
    /// <summary>Eval run id (<c>run_…</c>).</summary>
    public required string RunId { get; init; }
    /// <summary>Agent whose harness was run.</summary>
    public required string Agent { get; init; }
    /// <summary>Harness version that was run.</summary>
    public required int HarnessVersion { get; init; }
    /// <summary><c>completed</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }
    /// <summary>Mean per-case pass rate (0 for a failed run).</summary>
    public required double PassRate { get; init; }
    /// <summary>True when the model was the simulation.</summary>
    public required bool Simulated { get; init; }
    /// <summary>Why the run failed, when it did.</summary>
    public string? Error { get; init; }
    /// <summary>When this was published, UTC.</summary>
    public required DateTimeOffset At { get; init; }
}
