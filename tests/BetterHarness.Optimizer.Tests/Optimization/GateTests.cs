using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;
using BetterHarness.Optimizer.Domain.Optimization.Journal;
using BetterHarness.Optimizer.Domain.Optimization.Loop;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;
using BetterHarness.Optimizer.Domain.Optimization.Reporting;
using BetterHarness.Optimizer.Domain.Optimization.Validation;

using Xunit.Abstractions;

namespace BetterHarness.Optimizer.Tests.Optimization;

/// <summary>Gates that hold across many tries: family-wise α, must-pass against the baseline, confirmation on fresh trials.</summary>
public sealed class GateTests(ITestOutputHelper output)
{
    [Fact]
    public void Holm_adjusts_the_tested_p_values_of_an_iteration_and_ignores_untested_candidates()
    {
        // Sorted 0.01, 0.03, 0.04 → 3 × 0.01, max(0.03, 2 × 0.03), max(0.06, 1 × 0.04).
        var adjusted = FamilyWiseGate.HolmAdjusted([0.04, null, 0.01, 0.03]);

        Assert.Equal(0.06, adjusted[0]!.Value, 9);
        Assert.Null(adjusted[1]);
        Assert.Equal(0.03, adjusted[2]!.Value, 9);
        Assert.Equal(0.06, adjusted[3]!.Value, 9);
    }

    [Fact]
    public void Alpha_is_spent_over_the_iterations_the_run_may_take()
    {
        var gate = new FamilyWiseGate(0.05, MaxIterations: 5, CandidatesPerIteration: 2);

        Assert.Equal(0.01, gate.IterationAlpha, 9);
        Assert.Equal(0.005, gate.PerTestAlpha, 9);
        Assert.Equal(10, gate.PlannedTests);
    }

    [Fact]
    public void A_must_pass_case_is_held_to_its_baseline_so_it_cannot_slide_a_third_per_accepted_step()
    {
        var cases = new CaseSet<OptimizationSplit>([new SuiteCase("mp", "c", true, null, []), .. Enumerable.Range(0, 9).Select(i => new SuiteCase($"o{i}", "c", false, null, []))]);
        var validator = new ChangeValidator(new ValidationPolicy());
        var baseline = Results(cases, mustPass: 3, others: 0);
        var afterOneStep = Results(cases, mustPass: 2, others: 2);   // accepted earlier: 1 → ⅔, within the ½ regression threshold
        var candidate = Results(cases, mustPass: 1, others: 3);      // ⅔ → ⅓ against the current best: again within it

        var againstCurrentOnly = candidate["mp"].PassRate - afterOneStep["mp"].PassRate;
        var assessment = validator.Assess(cases, baseline, afterOneStep, candidate, []);

        Assert.True(againstCurrentOnly > -0.5, "measured against the current best alone the slide never trips the regression threshold");
        Assert.Equal(["mp"], assessment.MustPassBelowBaseline);
        Assert.StartsWith("must-pass case below the baseline pass rate: mp", assessment.Rejection);
        Assert.False(ChangeValidator.Decide(assessment, 0.0001, 0.01).Accepted);
    }

    [Fact]
    public async Task Many_no_op_changes_tried_against_noise_are_not_accepted_more_often_than_alpha()
    {
        // 40 runs × 10 iterations × 2 candidates, every candidate a no-op under 20% trial noise: uncorrected, a few
        // percent of the 800 tests clear p < 0.05 and most runs would accept at least one of them.
        const int runs = 40;
        var settings = new OptimizationSettings { MaxIterations = 10, CandidatesPerIteration = 2, Trials = 3 };
        int runsAccepting = 0, rawSignificant = 0, tests = 0;
        for (var run = 0; run < runs; run++)
        {
            var fixture = Fixture.Airline();
            var outcome = await new OptimizationLoop(new FakeEvaluator(fixture.ById, flipRate: 0.2), new NoOpProposer(run),
                new InMemoryOptimizationJournal(), settings, TimeProvider.System).RunAsync(fixture.Request(), CancellationToken.None);
            var tested = outcome.Iterations.SelectMany(i => i.Candidates).Where(c => c.Decision.Test is not null).ToList();
            tests += tested.Count;
            rawSignificant += tested.Count(c => c.Decision.Test!.PValue < 0.05);
            if (outcome.Iterations.Any(i => i.Accepted is not null)) runsAccepting++;
            Assert.Equal(tested.Count, outcome.Gates!.TestsRun);
            Assert.False(outcome.Improved, "a no-op never reaches review: the confirmation on fresh trials stops it");
        }

        output.WriteLine($"{rawSignificant} of {tests} no-op tests below p 0.05 uncorrected; {runsAccepting} of {runs} runs accepted one");
        Assert.Equal(runs * 20, tests);
        Assert.True(rawSignificant >= 10, $"{rawSignificant} of {tests} no-op tests were below 0.05 uncorrected");
        Assert.True(runsAccepting <= 4, $"{runsAccepting} of {runs} runs accepted a no-op (family-wise α = 0.05)");
    }

    [Fact]
    public async Task A_gain_that_was_luck_in_the_runs_trials_fails_the_confirmation_and_the_starting_version_stays()
    {
        var fixture = Fixture.Airline();
        var evaluator = new FakeEvaluator(fixture.ById) { LuckyUntilTrial = 3 };
        var proposer = new ScriptedProposer([ScriptedProposer.Add("Follow the LUCKY procedure.")]);

        var outcome = await new OptimizationLoop(evaluator, proposer, new InMemoryOptimizationJournal(),
            new OptimizationSettings { MaxIterations = 1, Trials = 3 }, TimeProvider.System).RunAsync(fixture.Request(), CancellationToken.None);
        var report = ReportBuilder.Build(outcome, fixture.Optimization, fixture.Holdout, "awaiting_review", null);

        Assert.NotNull(outcome.Iterations.Single().Accepted);
        Assert.False(outcome.Confirmation!.Passed);
        Assert.Equal(3, outcome.Confirmation.FirstTrial);
        Assert.Contains(evaluator.Replays, r => r.Trial >= 3);
        Assert.StartsWith("the gain did not reproduce on fresh trials", outcome.Confirmation.Reason);
        Assert.False(outcome.Improved);
        Assert.Equal(report.Baseline.Optimization.PassRate, report.Final.Optimization.PassRate);
        Assert.Contains("**failed**", MarkdownReport.Render(report, "t"));
    }

    [Fact]
    public async Task A_real_gain_is_confirmed_and_the_report_states_the_tests_the_threshold_and_the_confirmation()
    {
        var fixture = Fixture.Airline();
        var proposer = new ScriptedProposer([ScriptedProposer.Add($"When the user wants a refund, call {Fixture.Refund}.")]);

        var outcome = await new OptimizationLoop(new FakeEvaluator(fixture.ById, 0.03), proposer, new InMemoryOptimizationJournal(),
            new OptimizationSettings { MaxIterations = 4, CandidatesPerIteration = 1 }, TimeProvider.System).RunAsync(fixture.Request(), CancellationToken.None);
        var report = ReportBuilder.Build(outcome, fixture.Optimization, fixture.Holdout, "awaiting_review", null);
        var markdown = MarkdownReport.Render(report, "t");

        Assert.True(outcome.Improved);
        Assert.True(report.Confirmation!.Passed, report.Confirmation.Reason);
        Assert.Equal((1, 4, 0.0125), (report.Gates!.TestsRun, report.Gates.PlannedTests, report.Gates.IterationAlpha));
        Assert.Equal(0.0125, report.Iterations[0].Threshold);
        Assert.Contains("1 test(s) run of 4 planned", markdown);
        Assert.Contains("threshold 0.0125 per iteration", markdown);
        Assert.Contains("**passed**", markdown);
    }

    private static SetResult<OptimizationSplit> Results(CaseSet<OptimizationSplit> cases, int mustPass, int others) =>
        new(cases.Cases.Select(c => new CaseResult(c.Id, Enumerable.Range(0, 3)
            .Select(t => new TrialResult(t < (c.MustPass ? mustPass : others), [], [], null, null, 1)).ToList())));

    /// <summary>Two fresh changes per iteration that no case needs: whatever they score is noise.</summary>
    private sealed class NoOpProposer(int seed) : IHarnessProposer
    {
        private int _iteration;

        public string Name => "no-op";

        public Task<Proposal> ProposeAsync(ProposalInput input, CancellationToken cancellationToken)
        {
            _iteration++;
            return Task.FromResult(new Proposal(
                [ScriptedProposer.Add($"Greeting style {seed}-{_iteration}-a."), ScriptedProposer.Add($"Greeting style {seed}-{_iteration}-b.")], 0));
        }
    }
}
