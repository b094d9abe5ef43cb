using BetterHarness.Clustering.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Clustering.Engine;

/// <summary>
/// On start, assigns failures stored but never assigned (a crash between storing and assigning). Then
/// re-clusters whenever <see cref="ClusteringOptions.ReclusterInterval"/> has passed since the last run and at
/// least <see cref="ClusteringOptions.MinNewFailures"/> failures arrived since. With several replicas, the one that
/// takes the store's re-clustering lock runs it; the others find it no longer due.
/// </summary>
public sealed class PeriodicReclusterWorker(
    ClusteringEngine engine, FailureStore failures, ClusterStore clusters,
    IOptions<ClusteringOptions> options, TimeProvider time, ILogger<PeriodicReclusterWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            try
            {
                await engine.AssignPendingAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Assigning failures left unassigned before the restart failed; the next re-clustering covers them");
            }
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Poll < options.Value.ReclusterInterval ? Poll : options.Value.ReclusterInterval, time, stoppingToken);
                try
                {
                    // Checked again under the lock: another replica may have re-clustered meanwhile.
                    if (!IsDue()) continue;
                    await engine.TryReclusterAsync(IsDue, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Periodic re-clustering failed; the current clusters stay and it is tried again later");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private bool IsDue()
    {
        var last = clusters.LastRunMs() ?? 0;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return now - last >= options.Value.ReclusterInterval.TotalMilliseconds
               && failures.CountReceivedSince(last) >= options.Value.MinNewFailures;
    }
}
