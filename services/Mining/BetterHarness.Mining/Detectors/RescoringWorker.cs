using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Mining.Detectors;

/// <summary>Re-scores each agent whose active detector changed: woken by a training pass, a pin or an unpin, and once a minute.</summary>
public sealed class RescoringWorker(Rescoring rescoring, ILogger<RescoringWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var agent in rescoring.Due()) await rescoring.RunAsync(agent, stoppingToken);
                await rescoring.WaitAsync(TimeSpan.FromMinutes(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                logger.LogError(ex, "Re-scoring the agents' conversations failed; trying again in a minute");
                await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
