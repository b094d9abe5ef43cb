namespace BetterHarness.Contracts;

/// <summary>
/// Fact: clustering withdrew a trace's failure because a newer revision of the trace is neither failed nor corrected (e.g.
/// late positive feedback). Its earlier revisions are superseded: the trace left its cluster, and consumers drop what they
/// derived from those revisions (mining: the cluster id, and a candidate nobody acted on yet) and never use them again.
/// Published through clustering's outbox in the withdrawal's transaction; a redelivery or a repeat is harmless.
/// </summary>
public sealed record TraceFailureWithdrawn
{
    /// <summary>Lowercase hex, 32 characters.</summary>
    public required string TraceId { get; init; }
    /// <summary>The revision that is no longer failed; every earlier revision is superseded.</summary>
    public required int Revision { get; init; }
    /// <summary>The cluster the trace left, when it had been assigned one.</summary>
    public string? ClusterId { get; init; }
    /// <summary>When clustering withdrew it, UTC.</summary>
    public required DateTimeOffset At { get; init; }
}
