namespace BetterHarness.Contracts;

/// <summary>
/// Fact: an eval run finished more (case, trial) pairs. Published at most about once a second per run, after
/// the results are stored; counts only grow, so a consumer keeps the highest it has seen.
/// </summary>
public sealed record EvalRunProgressed
{
    /// <summary>Eval run id (<c>run_…</c>).</summary>
    public required string RunId { get; init; }
    /// <summary>(case, trial) pairs finished so far, including those finished before a resume.</summary>
    public required int CompletedTrials { get; init; }
    /// <summary>(case, trial) pairs in the run.</summary>
    public required int TotalTrials { get; init; }
    /// <summary>Finished pairs that passed.</summary>
    public required int PassedTrials { get; init; }
    /// <summary>When this was published, UTC.</summary>
    public required DateTimeOffset At { get; init; }
}
