using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Clustering.Analyst;

/// <summary>
/// Runs the analyst's passes in the background (registered only when the analyst is on): a pass, then
/// <see cref="AnalystOptions.PollInterval"/> (after a provider error <see cref="AnalystOptions.RetryDelay"/>). Arrival and
/// online assignment never wait for it; its answers are used from the next re-clustering on.
/// </summary>
public sealed class FailureAnalystWorker(FailureAnalyst analyst, IOptions<AnalystOptions> options, TimeProvider time, ILogger<FailureAnalystWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Failure analyst on: model {Model}, sample rate {Rate}, {Budget} tokens per day",
            analyst.Model, options.Value.SampleRate, options.Value.MaxTokensPerDay);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.PollInterval;
            try
            {
                var pass = await analyst.RunOnceAsync(stoppingToken);
                if (pass.Failed) wait = options.Value.RetryDelay;
                // A full batch means more is waiting: go on at once unless the budget or the provider says stop.
                else if (!pass.BudgetExhausted && pass.Calls + pass.CacheHits >= options.Value.BatchSize) wait = TimeSpan.Zero;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The store, not the model (that is handled in the pass): try again after the usual wait.
                logger.LogError(e, "Failure analyst pass failed");
            }
            if (wait > TimeSpan.Zero)
                try { await Task.Delay(wait, time, stoppingToken); }
                catch (OperationCanceledException) { return; }
        }
    }
}
