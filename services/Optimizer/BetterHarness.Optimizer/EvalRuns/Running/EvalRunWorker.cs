using System.Threading.Channels;
using BetterHarness.Optimizer.Claims;
using BetterHarness.Optimizer.EvalRuns.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Optimizer.EvalRuns.Running;

/// <summary>
/// Executes eval runs in the background, outside the bus consumer (a run can outlast any broker's ack timeout).
/// At start it resumes every run the store says was queued or running — that is what makes a crash or restart
/// lose nothing — then takes runs as <c>RunEvalSuite</c> commands arrive. Each run is executed under this replica's
/// claim (<see cref="RunClaimer"/>), so of several replicas exactly one executes it; every
/// <see cref="RunClaimOptions.SweepEvery"/> the worker also takes up runs nobody holds (their replica died).
/// </summary>
public sealed class EvalRunWorker(EvalRunStore runs, EvalRunClaims claims, RunClaimer claimer, EvalRunExecutor executor,
    IOptions<EvalRunOptions> options, TimeProvider clock, ILogger<EvalRunWorker> logger) : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly HashSet<string> _queued = [];
    private readonly HashSet<string> _active = [];
    private readonly Lock _gate = new();

    public void Enqueue(string runId)
    {
        lock (_gate) if (_active.Contains(runId) || !_queued.Add(runId)) return; // already waiting or running here
        _queue.Writer.TryWrite(runId);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var id in runs.Unfinished()) Enqueue(id);
        var sweep = SweepAsync(stoppingToken);
        await Parallel.ForEachAsync(_queue.Reader.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentRuns, CancellationToken = stoppingToken },
            async (runId, ct) =>
            {
                lock (_gate)
                {
                    _queued.Remove(runId);
                    if (!_active.Add(runId)) return;
                }
                try
                {
                    var outcome = await claimer.RunAsync(claims, runId, token => executor.ExecuteAsync(runId, token), ct);
                    if (outcome == ClaimOutcome.HeldElsewhere) logger.LogDebug("Eval run {RunId} is held by another replica or finished", runId);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
                catch (Exception ex)
                {
                    // Transient (curation or the model unreachable after retries): the run stays unfinished; its claim
                    // lapses and a sweep (here or on another replica) resumes it.
                    logger.LogError(ex, "Eval run {RunId} stopped; it resumes when its claim lapses, on the next start or RunEvalSuite", runId);
                }
                finally { lock (_gate) _active.Remove(runId); }
            });
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
                catch (Exception ex) { logger.LogWarning("Eval runs: looking for runs nobody holds failed ({Error}); trying again", ex.Message); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
