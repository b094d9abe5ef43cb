using BetterHarness.Contracts;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.EvalRuns;
using BetterHarness.Optimizer.EvalRuns.Cases;
using BetterHarness.Optimizer.EvalRuns.Models;
using BetterHarness.Optimizer.EvalRuns.Storage;
using BetterHarness.Optimizer.Harnesses.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Optimizer.EvalRuns.Running;

/// <summary>
/// Runs one stored eval run to its end: freezes its cases (first start only), skips every (case, trial) already
/// stored, stores each new result as it finishes (progress and the finish go through the outbox), then marks the run
/// completed. Safe to call again for the same run after a crash or a redelivered command.
/// </summary>
public sealed class EvalRunExecutor(EvalRunStore runs, HarnessStore harnesses, CurationCasesClient curation, ModelCatalog models,
    IEvalTraceSink traces, IOptions<EvalRunOptions> options, TimeProvider clock, ILogger<EvalRunExecutor> logger)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    public async Task ExecuteAsync(string runId, CancellationToken ct)
    {
        var run = runs.Get(runId);
        if (run is null || run.Status is EvalRunStatus.Completed or EvalRunStatus.Failed) return;
        try
        {
            var harness = harnesses.Get(run.Agent, run.HarnessVersion)
                ?? throw new CasesUnavailableException($"harness version {run.HarnessVersion} of agent '{run.Agent}' does not exist");
            var cases = await CasesAsync(run, ct);
            runs.SetStatus(runId, EvalRunStatus.Running);
            var completed = runs.CompletedResults(runId);
            var progress = new ProgressCounter(cases.Count * run.Trials, completed.Count, completed.Count(t => t.Passed));
            var byId = cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
            var result = await EvalRunner.EvaluateAsync(harness.Document, cases, run.Trials, models.Runner(run.Model), new EvalOptions
            {
                MaxParallel = options.Value.MaxParallelTrials,
                Judge = models.Judge(options.Value.JudgeModel),
                Completed = completed,
                OnTrialCompleted = async (trial, token) =>
                {
                    if (runs.SaveTrial(runId, trial)) progress.Add(trial.Passed);
                    await traces.ExportAsync(run, byId[trial.CaseId], trial, token);
                    if (progress.Due(clock.GetUtcNow(), ProgressInterval)) Progressed(runId, progress);
                },
            }, ct);
            Progressed(runId, progress);
            runs.SetStatus(runId, EvalRunStatus.Completed, null, Finished(run, EvalRunStatus.Completed, result.PassRate, null));
        }
        catch (Exception ex) when (ex is CasesUnavailableException or KeyNotFoundException)
        {
            logger.LogWarning("Eval run {RunId} failed: {Error}", runId, ex.Message);
            runs.SetStatus(runId, EvalRunStatus.Failed, ex.Message, Finished(run, EvalRunStatus.Failed, 0, ex.Message));
        }
    }

    private async Task<IReadOnlyList<EvalCase>> CasesAsync(EvalRunRecord run, CancellationToken ct)
    {
        var frozen = runs.Cases(run.Id);
        if (frozen.Count > 0) return frozen;
        var cases = await LoadWithRetriesAsync(run, ct);
        if (cases.Count == 0) throw new CasesUnavailableException("no eval case matches the run's snapshot and filter");
        runs.SaveCases(run.Id, cases);
        return runs.Cases(run.Id);
    }

    /// <summary>
    /// Reads the run's cases from curation, retrying with backoff while curation is unreachable or failing (the run stays
    /// queued and shows why it waits) for <see cref="EvalRunOptions.CasesRetryWindow"/>; then the run fails with the reason.
    /// </summary>
    private async Task<IReadOnlyList<EvalCase>> LoadWithRetriesAsync(EvalRunRecord run, CancellationToken ct)
    {
        var window = options.Value.CasesRetryWindow;
        var started = clock.GetUtcNow();
        var giveUpAt = started + window;
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            try
            {
                return await curation.LoadAsync(run.Agent, run.SnapshotId, run.Filter, ct);
            }
            catch (HttpRequestException ex) { reason = ex.Message; }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { reason = "no answer in time"; }
            var where = curation.BaseAddress;
            var now = clock.GetUtcNow();
            if (now >= giveUpAt)
                throw new CasesUnavailableException($"the eval cases could not be read from curation at {where}: {reason} " +
                    $"({attempt} attempts over {(now - started).TotalSeconds:0.#} s; BetterHarness:EvalRuns:CasesRetryWindow is {window})");
            runs.SetStatus(run.Id, EvalRunStatus.Queued, $"waiting for curation at {where} (attempt {attempt}): {reason}");
            logger.LogWarning("Eval run {RunId}: curation at {Curation} failed (attempt {Attempt}): {Reason}", run.Id, where, attempt, reason);
            await Task.Delay(delay < giveUpAt - now ? delay : giveUpAt - now, clock, ct);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(15).Ticks));
        }
    }

    /// <summary>Progress goes through the outbox: a local write, so a broker outage never holds up the trials.</summary>
    private void Progressed(string runId, ProgressCounter progress) => runs.Progressed(new EvalRunProgressed
    {
        RunId = runId, CompletedTrials = progress.Completed, TotalTrials = progress.Total, PassedTrials = progress.Passed, At = clock.GetUtcNow(),
    });

    private EvalRunFinished Finished(EvalRunRecord run, string status, double passRate, string? error) => new()
    {
        RunId = run.Id, Agent = run.Agent, HarnessVersion = run.HarnessVersion, Status = status, PassRate = passRate, Simulated = run.Simulated,
        Error = error, At = clock.GetUtcNow(),
    };

    private sealed class ProgressCounter(int total, int completed, int passed)
    {
        private readonly Lock _gate = new();
        private DateTimeOffset _last;
        private int _completed = completed;
        private int _passed = passed;

        public int Total => total;
        public int Completed { get { lock (_gate) return _completed; } }
        public int Passed { get { lock (_gate) return _passed; } }

        public void Add(bool passed)
        {
            lock (_gate) { _completed++; if (passed) _passed++; }
        }

        public bool Due(DateTimeOffset now, TimeSpan interval)
        {
            lock (_gate)
            {
                if (now - _last < interval) return false;
                _last = now;
                return true;
            }
        }
    }
}
