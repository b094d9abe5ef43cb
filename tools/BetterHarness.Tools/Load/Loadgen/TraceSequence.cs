namespace BetterHarness.Tools.Load.Loadgen;

/// <summary>The per-send number stamped into trace ids; one counter for all senders so no two sends collide.</summary>
public sealed class TraceSequence
{
    private long _last;

    public ulong Next() => (ulong)Interlocked.Increment(ref _last);
}
