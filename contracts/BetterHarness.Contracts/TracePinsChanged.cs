namespace BetterHarness.Contracts;

/// <summary>
/// Fact: <see cref="TraceIds"/> became (<see cref="Pinned"/> true) or stopped being (false) the source of something that
/// needs their raw spans kept past the retention age: a pending candidate or an accepted case. Published by curation in
/// the transaction that changed the candidate; ingest's retention keeps a trace while any holder pins it. Consumers
/// keep the newest fact per (trace, holder) by <see cref="At"/>, so redelivery and reordering change nothing.
/// </summary>
public sealed record TracePinsChanged
{
    /// <summary>Who pins: <c>candidate:cand_…</c> (the candidate, and the case accepted from it).</summary>
    public required string Holder { get; init; }
    /// <summary>Trace ids (32 lowercase hex characters).</summary>
    public required IReadOnlyList<string> TraceIds { get; init; }
    /// <summary>True: keep these traces; false: the holder no longer needs them.</summary>
    public required bool Pinned { get; init; }
    /// <summary>When the holder changed, UTC: the newest fact per (trace, holder) wins.</summary>
    public required DateTimeOffset At { get; init; }
}
