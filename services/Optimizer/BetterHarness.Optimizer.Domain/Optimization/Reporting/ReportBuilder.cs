using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;
using BetterHarness.Optimizer.Domain.Optimization.Journal;
using BetterHarness.Optimizer.Domain.Optimization.Loop;

namespace BetterHarness.Optimizer.Domain.Optimization.Reporting;

/// <summary>Builds the <see cref="OptimizationReport"/> of a finished run.</summary>
public static class ReportBuilder
{
    public static OptimizationReport Build(OptimizationOutcome outcome, CaseSet<OptimizationSplit> optimization,
        CaseSet<HoldoutSplit> holdout, string status, int? harnessVersion)
    {
        var harnessBefore = outcome.Baseline.Harness;
        var iterations = new List<IterationReport>();
        foreach (var record in outcome.Iterations)
        {
            iterations.Add(Iteration(record, harnessBefore));
            if (record.Accepted?.Harness is { } accepted) harnessBefore = accepted;
        }
        return new OptimizationReport(status, outcome.Simulated, outcome.Proposer,
            Score(outcome.Baseline, optimization, holdout), Score(outcome.Best, optimization, holdout),
            iterations, harnessVersion, outcome.StopReason, outcome.Estimate, outcome.Tokens)
        {
            Gates = outcome.Gates, Confirmation = outcome.Confirmation, Graders = outcome.Graders,
        };
    }

    public static VersionScore Score(ScoredVersion version, CaseSet<OptimizationSplit> optimization, CaseSet<HoldoutSplit> holdout)
    {
        var opt = Split(version.Optimization, optimization);
        var hold = Split(version.Holdout, holdout);
        var categories = opt.ByCategory.Keys.Union(hold.ByCategory.Keys).Order(StringComparer.Ordinal);
        var byCategory = categories.ToDictionary(c => c, c =>
        {
            double? o = opt.ByCategory.TryGetValue(c, out var x) ? x : null, h = hold.ByCategory.TryGetValue(c, out var y) ? y : null;
            return new CategoryScore(o, h, o - h);
        });
        return new VersionScore(opt, hold, byCategory);
    }

    private static SplitScore Split<TSplit>(SetResult<TSplit> result, CaseSet<TSplit> cases) where TSplit : ISplit
    {
        var scores = result.Cases.Select(r => new CaseScore(r.CaseId, r.PassRate, cases[r.CaseId].Category, cases[r.CaseId].MustPass,
            r.Trials.Select(t => t.TranscriptId).OfType<string>().ToList())).ToList();
        var byCategory = scores.GroupBy(s => s.Category).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(s => s.PassRate));
        return new SplitScore(result.PassRate, scores, byCategory) { Ci95 = MeanInterval.Ci95(scores.Select(s => s.PassRate).ToList()) };
    }

    private static IterationReport Iteration(IterationRecord record, Harnesses.HarnessDocument before)
    {
        var shown = record.Shown!;
        var test = shown.Decision.Test;
        return new IterationReport(record.Iteration, shown.Change, record.Accepted is not null, shown.Decision.Reason,
            shown.Decision.Gained, shown.Decision.Regressed, shown.Decision.MustPassRegressed, shown.LintFlags,
            shown.OptimizationPassRate, record.HoldoutPassRate, test?.PValue,
            test is null ? null : [test.Ci95Low, test.Ci95High], record.Candidates.Count,
            shown.Harness is null ? "" : Harnesses.HarnessDiff.Between(before, shown.Harness).Unified)
        {
            AdjustedPValue = shown.Decision.AdjustedPValue, Threshold = shown.Decision.Threshold,
        };
    }
}
