using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Mining.Judging;

/// <summary>Runs a judge pass every <see cref="JudgeOptions.PollInterval"/> (after an error, waits <see cref="JudgeOptions.RetryDelay"/>).</summary>
public sealed class JudgeWorker(CorrectionJudge judge, IOptions<JudgeOptions> options, ILogger<JudgeWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.PollInterval;
            try
            {
                var pass = await judge.RunOnceAsync(stoppingToken);
                if (pass.Failed) wait = options.Value.RetryDelay;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex) { logger.LogError(ex, "Correction judge pass failed; trying again next interval"); }
            try { await Task.Delay(wait, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
