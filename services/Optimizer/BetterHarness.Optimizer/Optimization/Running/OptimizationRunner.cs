using System.Text.Json;
using BetterHarness.Contracts;
using BetterHarness.Optimizer.Domain.Optimization.Loop;
using BetterHarness.Optimizer.Domain.Optimization.Reporting;
using BetterHarness.Optimizer.Harnesses.Storage;
using BetterHarness.Optimizer.Optimization.Ports;
using BetterHarness.Optimizer.Optimization.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Optimizer.Optimization.Running;

/// <summary>
/// Runs (or resumes) one stored optimisation: loads the starting harness and the snapshot, runs the loop on the
/// run's journal, stores the best harness as a new version awaiting review, stores the report with
/// <see cref="OptimizationFinished"/> in the outbox. Cancelled by shutdown, the run stays <c>running</c> and resumes at the next start.
/// </summary>
public sealed class OptimizationRunner(OptimizationRuns runs, OptimizationDatabase db, IHarnessVersions harnesses,
    IEvalSnapshots snapshots, IEvaluatorFactory evaluators, IOptions<OptimizationOptions> options, TimeProvider clock,
    ILogger<OptimizationRunner> logger)
{
    public static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web);

    public async Task RunAsync(string id, CancellationToken cancellationToken)
    {
        var run = runs.Get(id);
        if (run is null || !OptimizationStatus.Unfinished.Contains(run.Status)) return;
        try
        {
            await RunLoopAsync(run, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Optimisation {Id} interrupted by shutdown; it resumes at the next start", id);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Optimisation {Id} failed", id);
            runs.Fail(id, ex.Message, new OptimizationFinished
            {
                OptimizationId = id, Agent = run.Agent, Status = OptimizationStatus.Failed, Simulated = evaluators.IsSimulated(run.Parameters.Model),
                At = clock.GetUtcNow(),
            });
        }
    }

    private async Task RunLoopAsync(OptimizationRun run, CancellationToken cancellationToken)
    {
        var starting = run.BaseVersion is { } v
            ? await harnesses.GetAsync(run.Agent, v, cancellationToken)
            : await harnesses.CurrentAsync(run.Agent, cancellationToken);
        if (starting is null)
            throw new InvalidOperationException($"agent '{run.Agent}' has no current harness: create one (POST /api/harnesses or POST /api/harnesses/from-traces) and make it current");
        var snapshot = await snapshots.LoadAsync(run.Agent, run.Parameters.SnapshotId, cancellationToken);
        if (!runs.Start(run.Id, starting.Version)) return;
        run = runs.Get(run.Id)!;

        var (optimization, holdout) = CaseMapping.Split(snapshot.Cases);
        if (optimization.Count == 0) throw new InvalidOperationException($"snapshot {snapshot.Id} has no optimisation cases for agent '{run.Agent}'");
        var evaluator = evaluators.Create(run.Parameters.Model, snapshot.Cases, new StoredTranscripts(db, run.Id));
        var loop = new OptimizationLoop(evaluator, evaluators.Proposer(run.Parameters.Model), new SqliteOptimizationJournal(db, run.Id),
            options.Value.Settings(run.Parameters.MaxIterations, run.Parameters.Trials), clock, new RunProgress(run.Id, runs, clock));
        var outcome = await loop.RunAsync(new OptimizationRequest(starting.Document, optimization, holdout, run.StartedAt!.Value), cancellationToken);

        var version = outcome.Improved
            ? await harnesses.CreateAsync(run.Agent, outcome.Best.Harness, starting.Version, "optimizer",
                $"optimisation {run.Id}: {outcome.Iterations.Count(i => i.Accepted is not null)} accepted change(s), optimisation pass rate " +
                $"{outcome.Baseline.Optimization.PassRate:P0} → {outcome.Best.Optimization.PassRate:P0}", cancellationToken)
            : starting.Version;
        if (outcome.Improved)
            await harnesses.RecordValidationAsync(run.Agent, version, new ValidatedWith(run.Parameters.Model, evaluators.IsSimulated(run.Parameters.Model)),
                cancellationToken);
        var report = ReportBuilder.Build(outcome, optimization, holdout, OptimizationStatus.AwaitingReview, version);
        runs.Finish(run.Id, version, JsonSerializer.Serialize(report, ReportJson), new OptimizationFinished
        {
            OptimizationId = run.Id, Agent = run.Agent, Status = OptimizationStatus.AwaitingReview, HarnessVersion = version,
            BaselinePassRate = outcome.Baseline.Optimization.PassRate, FinalPassRate = outcome.Best.Optimization.PassRate,
            Simulated = outcome.Simulated, At = clock.GetUtcNow(),
        });
    }
}
