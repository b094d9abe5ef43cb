using System.Globalization;
using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;
using BetterHarness.Optimizer.Domain.Optimization.Journal;
using BetterHarness.Optimizer.Domain.Optimization.Lint;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;
using BetterHarness.Optimizer.Domain.Optimization.Validation;

namespace BetterHarness.Optimizer.Domain.Optimization.Loop;

/// <summary>
/// The improve-and-validate loop: baseline → (diagnose → propose ONE change → validate on the optimisation set →
/// score the holdout if accepted)* → stop → confirm the best version against the baseline on fresh trials → the
/// confirmed version goes to review. Every test of the run shares one family-wise α (<see cref="FamilyWiseGate"/>).
/// Every finished piece of work is in the journal first; a run restarted on the same journal replays what is there
/// and continues where it stopped.
/// </summary>
public sealed class OptimizationLoop(IHarnessEvaluator evaluator, IHarnessProposer proposer, IOptimizationJournal journal,
    OptimizationSettings settings, TimeProvider clock, IOptimizationProgress? progress = null)
{
    public async Task<OptimizationOutcome> RunAsync(OptimizationRequest request, CancellationToken cancellationToken)
    {
        settings.Check();
        var splits = new SplitEvaluator(evaluator, journal, settings.Trials, settings.EvaluationChunkSize);
        var estimate = CostEstimator.Estimate(request, settings);
        await Report(new("estimate", 0, $"at most {estimate.MaxTrials} replays, ≈{estimate.EstimatedTokens} tokens"), cancellationToken);

        var baseline = new ScoredVersion(request.Harness,
            await splits.EvaluateAsync(request.Harness, request.Optimization, Progress("baseline", 0, cancellationToken), cancellationToken),
            await splits.EvaluateAsync(request.Harness, request.Holdout, Progress("baseline", 0, cancellationToken), cancellationToken), 0);
        await Report(new("baseline", 0, $"baseline {Pct(baseline.Optimization.PassRate)} optimisation, {Pct(baseline.Holdout.PassRate)} holdout",
            OptimizationPassRate: baseline.Optimization.PassRate), cancellationToken);

        var lint = new OverfitLint(settings.Lint, request.Optimization, request.Harness);
        var gate = settings.Gate;
        var validate = new ValidateStep(splits, new ChangeValidator(settings.Validation), lint, settings.Validation, gate);
        var propose = new ProposeStep(proposer, journal);
        var stop = new StopPolicy(settings, clock);
        var startingWords = TextTokens.WordCount(request.Harness.Instructions);

        var best = baseline;
        var tokens = baseline.Optimization.Tokens + baseline.Holdout.Tokens;
        var rejected = new List<RejectedAttempt>();
        var records = (await journal.LoadIterationsAsync(cancellationToken)).ToList();
        foreach (var record in records)
        {
            // Replaying a decided iteration re-reads its evaluations from the journal; nothing is re-run.
            if (record.Accepted is { Harness: { } accepted })
                best = await Score(splits, accepted, request, record.Iteration, cancellationToken);
            tokens += record.Tokens;
            rejected.AddRange(RejectedOf(record, request.Optimization));
        }

        string? stopReason;
        for (var iteration = records.Count + 1; (stopReason = stop.Check(iteration, best.Optimization, tokens, request.StartedAt)) is null; iteration++)
        {
            var input = ProposalInputBuilder.Build(best.Harness, request.Optimization, best.Optimization, rejected, request.Catalog,
                settings.CandidatesPerIteration,
                settings.Lint.BloatBudgetWords(startingWords) - (TextTokens.WordCount(best.Harness.Instructions) - startingWords));
            await Report(new("diagnose", iteration, $"{input.Diagnosis.FailingCases.Count} failing optimisation cases in {input.Diagnosis.Groups.Count} groups"), cancellationToken);
            var proposal = await propose.ProposeAsync(iteration, input, cancellationToken);
            if (proposal.Changes.Count == 0) { stopReason = "the proposer has no new change to try"; break; }
            await Report(new("propose", iteration, string.Join(" | ", proposal.Changes.Select(c => $"{c.Kind} {c.Target}".Trim()))), cancellationToken);

            var (outcomes, spent) = await validate.ValidateAsync(proposal.Changes, baseline, best, request.Optimization, request.Catalog,
                Progress("validate", iteration, cancellationToken), cancellationToken);
            var iterationTokens = proposal.Tokens + spent;
            var chosen = outcomes.Select((o, i) => (Outcome: o, Index: i)).Where(x => x.Outcome.Decision.Accepted)
                .OrderByDescending(x => x.Outcome.OptimizationPassRate).Select(x => (int?)x.Index).FirstOrDefault();
            double? holdout = null;
            if (chosen is { } c)
            {
                var next = await Score(splits, outcomes[c].Harness!, request, iteration, cancellationToken);
                iterationTokens += next.Holdout.Tokens;
                holdout = next.Holdout.PassRate;
                best = next;
            }
            var decided = new IterationRecord(iteration, outcomes, chosen, holdout, iterationTokens);
            await journal.SaveIterationAsync(decided, cancellationToken);
            records.Add(decided);
            rejected.AddRange(RejectedOf(decided, request.Optimization));
            tokens += iterationTokens;
            var shown = decided.Shown!;
            await Report(new("decided", iteration, $"{(chosen is null ? "rejected" : "accepted")}: {shown.Decision.Reason}",
                OptimizationPassRate: best.Optimization.PassRate), cancellationToken);
        }
        ConfirmationResult? confirmation = null;
        if (best.Iteration > 0)
        {
            var fresh = new SplitEvaluator(evaluator, journal, settings.Trials, settings.EvaluationChunkSize, firstTrial: settings.Trials);
            confirmation = await new ConfirmStep(fresh, settings.Validation.Alpha).ConfirmAsync(baseline, best, request.Optimization,
                Progress("confirm", records.Count, cancellationToken), cancellationToken);
            await Report(new("confirm", records.Count, confirmation.Reason, OptimizationPassRate: confirmation.FinalPassRate), cancellationToken);
            // A gain that does not show again on fresh trials is not offered: the starting version stays.
            if (!confirmation.Passed) best = baseline;
        }
        await Report(new("stopped", records.Count, stopReason, OptimizationPassRate: best.Optimization.PassRate), cancellationToken);
        var testsRun = records.Sum(r => r.Candidates.Count(c => c.Decision.Test is not null));
        return new OptimizationOutcome(baseline, best, records, stopReason, estimate, tokens, evaluator.IsSimulated, proposer.Name)
        {
            Gates = new GateSummary(FamilyWiseGate.Method, gate.Alpha, gate.PlannedTests, testsRun, gate.IterationAlpha, gate.PerTestAlpha),
            Confirmation = confirmation,
            Graders = GraderCoverage.Of(baseline, evaluator.JudgeModel),
        };
    }

    /// <summary>Step 5: an accepted version's holdout score — computed after the decision and never fed back into one.</summary>
    private async Task<ScoredVersion> Score(SplitEvaluator splits, Harnesses.HarnessDocument harness, OptimizationRequest request,
        int iteration, CancellationToken cancellationToken) =>
        new(harness,
            await splits.EvaluateAsync(harness, request.Optimization, null, cancellationToken),
            await splits.EvaluateAsync(harness, request.Holdout, Progress("holdout", iteration, cancellationToken), cancellationToken),
            iteration);

    private static IEnumerable<RejectedAttempt> RejectedOf(IterationRecord record, CaseSet<OptimizationSplit> cases) =>
        record.Candidates.Where(c => !c.Decision.Accepted).Select(c => new RejectedAttempt(record.Iteration, c.Change,
            c.Decision.Reason, c.Decision.Regressed,
            c.Decision.Regressed.Select(id => cases[id].Category).Distinct().ToList()));

    private Func<int, int, Task>? Progress(string stage, int iteration, CancellationToken cancellationToken) =>
        progress is null ? null : (done, total) => progress.ReportAsync(new(stage, iteration, $"{done}/{total} cases", done, total), cancellationToken);

    private Task Report(OptimizationProgressUpdate update, CancellationToken cancellationToken) =>
        progress?.ReportAsync(update, cancellationToken) ?? Task.CompletedTask;

    private static string Pct(double rate) => rate.ToString("P0", CultureInfo.InvariantCulture);
}
