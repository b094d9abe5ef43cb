using BetterHarness.Contracts;
using BetterHarness.Ingest.Storage;
using BetterHarness.Ingest.Telemetry;
using BetterHarness.ServiceDefaults.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Ingest.Publishing;

/// <summary>
/// Publishes outbox digests in batches (<see cref="TracesFlagged"/>) and marks them sent. A crash between
/// publish and mark re-publishes the batch: consumers are idempotent on (traceId, revision).
/// </summary>
public sealed class DigestOutboxDispatcher(
    OutboxStore outbox, OutboxSignal signal, IServiceScopeFactory scopes, IOptions<IngestOptions> options,
    IOptions<HostingOptions> hosting, IngestMetrics metrics, ILogger<DigestOutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        RedriveAfterRestart();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await PublishBatchAsync(stoppingToken) == options.Value.DigestBatchSize) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Publishing flagged-trace digests failed; they stay in the outbox and are retried");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(false);
            }
            await signal.WaitAsync(Poll, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The in-memory transport forgets queued messages when the process stops; re-publishing recent
    /// digests lets the embedded consumers finish what they had not (they are idempotent).
    /// </summary>
    private void RedriveAfterRestart()
    {
        if (hosting.Value.UsesRabbitMq) return;
        var count = outbox.Redrive((long)options.Value.RedriveWindowOnStart.TotalMilliseconds);
        if (count > 0) logger.LogInformation("Re-publishing {Count} recent digests after restart (in-memory transport)", count);
    }

    public async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        var pending = outbox.Pending(options.Value.DigestBatchSize);
        if (pending.Count == 0) return 0;
        await using var scope = scopes.CreateAsyncScope();
        var publisher = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        // Only the newest revision of a trace in the batch matters downstream.
        var digests = pending.Select(p => p.Digest).GroupBy(d => d.TraceId).Select(g => g.MaxBy(d => d.Revision)!).ToList();
        await publisher.Publish(new TracesFlagged { BatchId = NewId.NextGuid(), Traces = digests }, cancellationToken);
        outbox.MarkSent(pending.Select(p => p.Id), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        metrics.DigestsPublished.Add(digests.Count);
        return pending.Count;
    }
}
