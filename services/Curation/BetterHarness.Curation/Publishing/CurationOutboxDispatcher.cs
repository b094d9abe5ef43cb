using BetterHarness.ServiceDefaults.Hosting;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Curation.Publishing;

/// <summary>
/// Publishes the curation outbox, woken by its signal or once a second. A publish failure leaves the entries
/// pending and is retried; a crash between publish and mark publishes them again (consumers are idempotent).
/// </summary>
public sealed class CurationOutboxDispatcher(
    CurationOutbox outbox, OutboxSignal signal, IBus bus, IOptions<HostingOptions> hosting, ILogger<CurationOutboxDispatcher> logger)
    : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!hosting.Value.UsesRabbitMq && outbox.Redrive((long)TimeSpan.FromMinutes(15).TotalMilliseconds) is > 0 and var n)
            logger.LogInformation("Re-publishing {Count} recent curation facts after restart (in-memory transport)", n);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await PublishBatchAsync(stoppingToken) == BatchSize) { }
                await signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Publishing curation facts failed; they stay in the outbox and are retried");
                try { await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    public async Task<int> PublishBatchAsync(CancellationToken ct)
    {
        var pending = outbox.Pending(BatchSize);
        foreach (var (_, message) in pending) await bus.Publish(message, message.GetType(), ct);
        if (pending.Count > 0) outbox.MarkSent(pending.Select(p => p.Id), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return pending.Count;
    }
}
