using System.Diagnostics.Metrics;
using BetterHarness.ServiceDefaults.Hosting;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BetterHarness.ServiceDefaults.Messaging.Outbox;

/// <summary>
/// Publishes an outbox's pending entries and marks them sent, woken by its <see cref="OutboxSignal"/> or once a
/// second. A publish failure (broker down) leaves them pending and is retried; a crash between publish and mark
/// publishes them again. On the in-memory transport, recently sent entries are re-published at start.
/// </summary>
public sealed class OutboxDispatcher(
    IOutbox outbox, OutboxSettings settings, IBus bus, HostingOptions hosting, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly Meter Meter = new("BetterHarness.Outbox");
    private static readonly Counter<long> Published =
        Meter.CreateCounter<long>("bh.outbox.published", "{entry}", "Outbox entries published, by outbox.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        RedriveAfterRestart();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await PublishBatchAsync(stoppingToken) == settings.BatchSize) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Publishing the {Outbox} outbox failed; the messages stay in it and are retried", outbox.Name);
                try { await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
            }
            try { await outbox.Signal.WaitAsync(Poll, stoppingToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }

    private void RedriveAfterRestart()
    {
        if (hosting.UsesRabbitMq) return;
        var count = outbox.Redrive((long)settings.RedriveWindowOnStart.TotalMilliseconds);
        if (count > 0) logger.LogInformation("Re-publishing {Count} recent {Outbox} outbox entries after restart (in-memory transport)", count, outbox.Name);
    }

    /// <summary>Publishes one batch; returns how many entries it covered.</summary>
    public async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        var pending = outbox.Pending(settings.BatchSize);
        if (pending.Count == 0) return 0;
        foreach (var message in outbox.Messages(pending))
            await bus.Publish(message, message.GetType(), cancellationToken);
        outbox.MarkSent(pending.Select(p => p.Id), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        outbox.Sent(pending);
        Published.Add(pending.Count, new KeyValuePair<string, object?>("outbox", outbox.Name));
        return pending.Count;
    }
}
