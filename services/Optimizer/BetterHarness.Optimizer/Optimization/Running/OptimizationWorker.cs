using System.Threading.Channels;
using BetterHarness.Optimizer.Claims;
using BetterHarness.Optimizer.Optimization.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Optimizer.Optimization.Running;

/// <summary>
/// Runs optimisations one at a time, off the message consumer (a run takes minutes to hours; a consumer must ack
/// quickly). At start it re-drives every run left queued or running by a stop or crash — they resume from their
/// journal. Each run is executed under this replica's claim (<see cref="RunClaimer"/>), so of several replicas exactly
/// one runs it; every <see cref="RunClaimOptions.SweepEvery"/> the worker also takes up runs nobody holds (their replica died).
/// </summary>
public sealed class OptimizationWorker(OptimizationRuns runs, OptimizationClaims claims, RunClaimer claimer, OptimizationRunner runner,
    TimeProvider clock, ILogger<OptimizationWorker> logger) : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _queued = [];
    private readonly Lock _gate = new();

    public void Enqueue(string optimizationId)
    {
        lock (_gate) if (!_queued.Add(optimizationId)) return; // already waiting here
        _queue.Writer.TryWrite(optimizationId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        foreach (var id in runs.Unfinished()) Enqueue(id);
        var sweep = SweepAsync(stoppingToken);
        try
        {
            await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                lock (_gate) _queued.Remove(id);
                try
                {
                    var outcome = await claimer.RunAsync(claims, id, token => runner.RunAsync(id, token), stoppingToken);
                    if (outcome == ClaimOutcome.HeldElsewhere) logger.LogDebug("Optimisation {Id} is held by another replica or finished", id);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Optimisation {Id} could not be run; it resumes when its claim lapses", id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        await sweep;
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(claimer.SweepEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    foreach (var id in claims.Claimable(clock.GetUtcNow().ToUnixTimeMilliseconds())) Enqueue(id);
                }
                catch (Exception ex) { logger.LogWarning("Optimisations: looking for runs nobody holds failed ({Error}); trying again", ex.Message); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
