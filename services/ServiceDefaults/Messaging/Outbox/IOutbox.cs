namespace BetterHarness.ServiceDefaults.Messaging.Outbox;

/// <summary>
/// A transactional outbox: messages a service stored in the same transaction as the state they describe, waiting
/// to be published (store first, then publish). <see cref="OutboxDispatcher"/> publishes them and marks them sent;
/// a crash in between publishes them again, which consumers absorb because they are idempotent.
/// </summary>
public interface IOutbox
{
    /// <summary>Names the outbox in logs and metrics (the service's name).</summary>
    string Name { get; }

    /// <summary>Notified by writers so the dispatcher publishes at once.</summary>
    OutboxSignal Signal { get; }

    /// <summary>
    /// The oldest entries not yet sent, at most <paramref name="limit"/>. Where several processes share the outbox
    /// (PostgreSQL), they are claimed for this instance until marked sent, so another dispatcher skips them.
    /// </summary>
    IReadOnlyList<OutboxEntry> Pending(int limit);

    /// <summary>What to publish for these entries: by default each entry's message; an outbox may batch them.</summary>
    IReadOnlyList<object> Messages(IReadOnlyList<OutboxEntry> pending) => [.. pending.Select(p => p.Message)];

    void MarkSent(IEnumerable<long> ids, long nowMs);

    /// <summary>Called after entries were published and marked sent (e.g. to hand alerts to a webhook too).</summary>
    void Sent(IReadOnlyList<OutboxEntry> sent) { }

    /// <summary>
    /// Marks entries sent within <paramref name="windowMs"/> before the last send as pending again (anchored on the
    /// last send, not on now, so a late restart still re-publishes); returns how many.
    /// </summary>
    int Redrive(long windowMs);

    long PendingCount();
}

/// <summary>One stored outbox entry: its id and the message (a contract record) it holds.</summary>
public sealed record OutboxEntry(long Id, object Message);
