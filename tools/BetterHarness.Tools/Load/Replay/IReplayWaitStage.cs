namespace BetterHarness.Tools.Load.Replay;

/// <summary>
/// One thing <c>bh replay --wait</c> waits for once the traces are sent. Stages run in order under a
/// single deadline; a later stage (for example "failed traces are clustered") plugs in by implementing
/// this interface and being added to the list <see cref="ReplayWaiter"/> is given.
/// </summary>
public interface IReplayWaitStage
{
    /// <summary>Shown next to the stage's progress bar.</summary>
    string Description { get; }

    /// <summary>
    /// Null when this stage can be waited for; else why not (e.g. the service runs elsewhere and no address for it
    /// was given), which <c>bh replay --wait</c> says instead of silently skipping the stage.
    /// </summary>
    Task<string?> SkipReasonAsync(CancellationToken ct) => Task.FromResult<string?>(null);

    /// <summary>Checks once how far the pipeline has got with these traces; called about once a second until done.</summary>
    Task<WaitProgress> PollAsync(IReadOnlyList<string> traceIds, CancellationToken ct);
}

/// <summary>How many of a stage's items are done, and a few of those still pending (for the timeout message).</summary>
public readonly record struct WaitProgress(int Done, int Total, IReadOnlyList<string> PendingSample)
{
    public bool IsComplete => Done >= Total;
}
