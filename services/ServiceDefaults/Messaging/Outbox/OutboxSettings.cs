namespace BetterHarness.ServiceDefaults.Messaging.Outbox;

/// <summary>How an <see cref="OutboxDispatcher"/> drains its outbox.</summary>
/// <param name="BatchSize">Entries read per round (default 100).</param>
/// <param name="RedriveWindowOnStart">
/// In-memory transport only: at start, entries sent within this window before the last send are published again,
/// because messages that sat in the in-memory queues when the process stopped are gone (default 15 min).
/// </param>
public sealed record OutboxSettings(int BatchSize, TimeSpan RedriveWindowOnStart)
{
    public static OutboxSettings Default { get; } = new(100, TimeSpan.FromMinutes(15));
}
