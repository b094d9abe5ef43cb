using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Mining.Detectors;

/// <summary>Every <see cref="DetectorOptions.TrainInterval"/>, trains the detector of each agent whose labels changed since its last pass.</summary>
public sealed class DetectorTrainingWorker(DetectorTraining training, IOptions<DetectorOptions> options, ILogger<DetectorTrainingWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.TrainInterval, stoppingToken);
                foreach (var agent in training.Due()) await training.TrainAsync(agent, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex) { logger.LogError(ex, "Training the agents' correction detectors failed; trying again next interval"); }
        }
    }
}
