namespace BetterHarness.Contracts;

/// <summary>
/// Command: run the stored eval run <see cref="RunId"/> (harness version, cases, model, trials are in the
/// optimizer's store, created by <c>POST /api/evalruns</c>). Idempotent: a run already completed is left alone,
/// a run already started continues where it stopped, never redoing a finished (case, trial).
/// </summary>
public sealed record RunEvalSuite
{
    /// <summary>Eval run id (<c>run_…</c>).</summary>
    public required string RunId { get; init; }
    /// <summary>When the run was requested, UTC.</summary>
    public required DateTimeOffset RequestedAt { get; init; }
}
