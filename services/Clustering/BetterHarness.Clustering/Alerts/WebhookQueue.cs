using System.Threading.Channels;

namespace BetterHarness.Clustering.Alerts;

/// <summary>
/// Alerts waiting for the webhook. Bounded and lossy on purpose: clustering only ever writes here and never
/// waits, so a slow or failing webhook cannot hold up assignments; when it falls far behind, the oldest
/// alerts are dropped (they are on the bus anyway).
/// </summary>
public sealed class WebhookQueue
{
    private readonly Channel<object> _channel = Channel.CreateBounded<object>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public void Enqueue(object alert) => _channel.Writer.TryWrite(alert);

    public ChannelReader<object> Reader => _channel.Reader;
}
