using BetterHarness.Contracts;
using BetterHarness.ServiceDefaults.Messaging.Outbox;

namespace BetterHarness.Clustering.Alerts;

/// <summary>
/// Clustering's outbox (<c>TracesClustered</c>, <c>FailureClusterEmerged</c>, <c>FailureClusterSpiking</c>, stored with
/// the state they announce): once an alert is published on the bus it is also handed to the webhook queue.
/// </summary>
public sealed class AlertOutbox(MessageOutbox inner, WebhookQueue webhook) : IOutbox
{
    public string Name => inner.Name;

    public OutboxSignal Signal => inner.Signal;

    public IReadOnlyList<OutboxEntry> Pending(int limit) => inner.Pending(limit);

    public void MarkSent(IEnumerable<long> ids, long nowMs) => inner.MarkSent(ids, nowMs);

    public void Sent(IReadOnlyList<OutboxEntry> sent)
    {
        foreach (var entry in sent)
            if (entry.Message is FailureClusterEmerged or FailureClusterSpiking) webhook.Enqueue(entry.Message);
    }

    public int Redrive(long windowMs) => inner.Redrive(windowMs);

    public long PendingCount() => inner.PendingCount();
}
