using System.Threading.Channels;
using BetterHarness.Optimizer.Optimization.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Optimizer.Optimization.Running;

/// <summary>
/// Runs optimisations one at a time, off the message consumer (a run takes minutes to hours; a consumer must ack
/// quickly). At start it re-drives every run left queued or running by a stop or crash — they resume from their
/// journal.
/// </summary>
public sealed class OptimizationWorker(OptimizationRuns runs, OptimizationRunner runner, ILogger<OptimizationWorker> logger) : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(string optimizationId) => _queue.Writer.TryWrite(optimizationId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        foreach (var id in runs.Unfinished()) Enqueue(id);
        await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try { await runner.RunAsync(id, stoppingToken); }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Optimisation {Id} could not be run", id);
            }
        }
    }
}
