using System.Threading.Channels;
using BetterHarness.Optimizer.EvalRuns.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Optimizer.EvalRuns.Running;

/// <summary>
/// Executes eval runs in the background, outside the bus consumer (a run can outlast any broker's ack timeout).
/// At start it resumes every run the store says was queued or running — that is what makes a crash or restart
/// lose nothing — then takes runs as <c>RunEvalSuite</c> commands arrive.
/// </summary>
public sealed class EvalRunWorker(EvalRunStore runs, EvalRunExecutor executor, IOptions<EvalRunOptions> options, ILogger<EvalRunWorker> logger)
    : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly HashSet<string> _active = [];
    private readonly Lock _gate = new();

    public void Enqueue(string runId) => _queue.Writer.TryWrite(runId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var id in runs.Unfinished()) Enqueue(id);
        await Parallel.ForEachAsync(_queue.Reader.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentRuns, CancellationToken = stoppingToken },
            async (runId, ct) =>
            {
                lock (_gate) if (!_active.Add(runId)) return; // already running here: a duplicate command
                try { await executor.ExecuteAsync(runId, ct); }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
                catch (Exception ex)
                {
                    // Transient (curation or the model unreachable after retries): the run stays unfinished and
                    // resumes at the next start or the next command for it.
                    logger.LogError(ex, "Eval run {RunId} stopped; it resumes on the next start or RunEvalSuite", runId);
                }
                finally { lock (_gate) _active.Remove(runId); }
            });
    }
}
