using BetterHarness.Optimizer.Domain.Optimization.Journal;
using BetterHarness.Optimizer.Domain.Optimization.Loop;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;
using BetterHarness.Optimizer.Domain.Optimization.Reporting;
using BetterHarness.Optimizer.Domain.Optimization.Validation;

namespace BetterHarness.Optimizer.Tests.Optimization;

public sealed class OptimizationLoopTests
{
    private static OptimizationLoop Loop(FakeEvaluator evaluator, IHarnessProposer proposer, IOptimizationJournal? journal = null,
        OptimizationSettings? settings = null) =>
        new(evaluator, proposer, journal ?? new InMemoryOptimizationJournal(), settings ?? new OptimizationSettings { MaxIterations = 4 },
            TimeProvider.System);

    [Fact]
    public async Task Full_loop_with_the_rule_proposer_improves_the_optimisation_set_and_reports_the_holdout()
    {
        var fixture = Fixture.Airline();
        var evaluator = new FakeEvaluator(fixture.ById, flipRate: 0.03);

        var outcome = await Loop(evaluator, new RuleBasedProposer()).RunAsync(fixture.Request(), CancellationToken.None);
        var report = ReportBuilder.Build(outcome, fixture.Optimization, fixture.Holdout, "awaiting_review", null);

        Assert.True(report.Final.Optimization.PassRate > report.Baseline.Optimization.PassRate + 0.5,
            $"{report.Baseline.Optimization.PassRate} → {report.Final.Optimization.PassRate}");
        Assert.True(report.Final.Holdout.PassRate > report.Baseline.Holdout.PassRate, "the general rules carry over to the holdout");
        Assert.Contains(report.Iterations, i => i.Accepted && i.HoldoutPassRate is not null && i.PValue < 0.05);
        Assert.All(report.Iterations.Where(i => !i.Accepted), i => Assert.Null(i.HoldoutPassRate));
        Assert.All(report.Iterations, i => Assert.DoesNotContain(i.LintFlags, f => f.Kind.StartsWith("quotes", StringComparison.Ordinal)));
        Assert.True(report.Simulated);
        Assert.Equal(["followup_quality", "tool_selection"], report.Final.ByCategory.Keys);
        Assert.NotNull(report.Final.ByCategory["tool_selection"].Gap);
        Assert.Contains("+ When the user", report.Iterations[0].Diff);
    }

    [Fact]
    public async Task A_change_with_a_net_gain_that_regresses_a_must_pass_case_is_rejected()
    {
        var fixture = Fixture.Airline();
        fixture.Cases.Add(new FixtureCase("opt-mustpass-0", "instruction_following", "get_reservation_details", "polite", "never",
            true, false, ["Be polite when the user asks about a reservation."]));
        var proposer = new ScriptedProposer([ScriptedProposer.Add($"Never answer refunds yourself: call {Fixture.Refund}.")]);

        var outcome = await Loop(new FakeEvaluator(fixture.ById), proposer).RunAsync(fixture.Request(), CancellationToken.None);

        var iteration = Assert.Single(outcome.Iterations);
        var shown = iteration.Shown!;
        Assert.Null(iteration.ChosenIndex);
        Assert.Equal(6, shown.Decision.Gained.Count);
        Assert.Equal(["opt-mustpass-0"], shown.Decision.MustPassRegressed);
        Assert.StartsWith("must-pass case regressed", shown.Decision.Reason);
        Assert.Equal(0, outcome.Best.Iteration);
    }

    [Fact]
    public async Task A_change_within_noise_is_rejected()
    {
        var fixture = Fixture.Airline(perCategory: 15);
        // Only one optimisation case needs this exact word: a gain of one case in thirty under 5% trial noise.
        fixture.Cases[0] = fixture.Cases[0] with { Needs = "eligibility" };
        var proposer = new ScriptedProposer([ScriptedProposer.Add("Check eligibility first.")]);

        var outcome = await Loop(new FakeEvaluator(fixture.ById, 0.05), proposer).RunAsync(fixture.Request(), CancellationToken.None);

        var decision = outcome.Iterations.Single().Shown!.Decision;
        Assert.False(decision.Accepted);
        Assert.True(decision.Test!.MeanDifference > 0, decision.Reason);
        Assert.StartsWith("gain within noise", decision.Reason);
    }

    [Fact]
    public async Task A_change_that_would_improve_only_the_holdout_is_not_accepted_and_the_holdout_is_not_even_run_for_it()
    {
        var fixture = Fixture.Airline();
        // Holdout-only category: the change fixes these and nothing in the optimisation set.
        fixture.Cases.AddRange(Enumerable.Range(0, 4).Select(i => new FixtureCase($"hold-loyalty-{i}", "loyalty", "get_user_details",
            "loyalty programme", null, false, true, [$"What are my loyalty points? member {i}"])));
        var change = ScriptedProposer.Add("Explain the loyalty programme when asked.");
        var evaluator = new FakeEvaluator(fixture.ById);

        var outcome = await Loop(evaluator, new ScriptedProposer([change])).RunAsync(fixture.Request(), CancellationToken.None);

        var shown = outcome.Iterations.Single().Shown!;
        Assert.False(shown.Decision.Accepted);
        Assert.StartsWith("no gain", shown.Decision.Reason);
        var candidateHash = Domain.Optimization.Evaluation.HarnessHash.Of(shown.Harness!);
        Assert.DoesNotContain(evaluator.Replays, r => r.HarnessHash == candidateHash && r.CaseId.StartsWith("hold-", StringComparison.Ordinal));
        Assert.Equal(outcome.Baseline.Holdout.PassRate, outcome.Best.Holdout.PassRate);
    }

    [Fact]
    public async Task A_rejected_change_is_fed_back_and_the_next_proposal_moves_on()
    {
        var fixture = Fixture.Airline();
        var recording = new RecordingProposer(new RuleBasedProposer());
        var settings = new OptimizationSettings { MaxIterations = 3, Validation = new ValidationPolicy(RejectOnLintFlags: false) };
        fixture.Cases.Add(new FixtureCase("opt-mustpass-1", "instruction_following", "get_reservation_details", "polite",
            $"call {Fixture.Refund}", true, false, ["Be polite."]));

        var outcome = await Loop(new FakeEvaluator(fixture.ById), recording, settings: settings).RunAsync(fixture.Request(), CancellationToken.None);

        var first = outcome.Iterations[0].Shown!;
        Assert.False(first.Decision.Accepted);
        var fedBack = Assert.Single(recording.Inputs[1].RejectedAttempts);
        Assert.Equal(first.Change, fedBack.Change);
        Assert.Equal(["opt-mustpass-1"], fedBack.RegressedCaseIds);
        Assert.NotEqual(first.Change, outcome.Iterations[1].Shown!.Change);
    }

    [Fact]
    public async Task Stops_at_once_when_nothing_fails()
    {
        var fixture = Fixture.Airline();
        var passing = fixture.Harness with { Instructions = $"Use {Fixture.Refund} and {Fixture.Baggage}." };
        var proposer = new ScriptedProposer();

        var outcome = await Loop(new FakeEvaluator(fixture.ById), proposer).RunAsync(fixture.Request() with { Harness = passing }, CancellationToken.None);

        Assert.Empty(outcome.Iterations);
        Assert.Empty(proposer.Inputs);
        Assert.Equal("nothing fails on the optimisation set", outcome.StopReason);
    }

    [Fact]
    public async Task Stops_on_the_token_budget_and_on_the_wall_time_budget()
    {
        var fixture = Fixture.Airline();
        var byTokens = await Loop(new FakeEvaluator(fixture.ById), new RuleBasedProposer(), settings: new() { MaxTokens = 1_000 })
            .RunAsync(fixture.Request(), CancellationToken.None);
        var byTime = await new OptimizationLoop(new FakeEvaluator(fixture.ById), new RuleBasedProposer(), new InMemoryOptimizationJournal(),
                new OptimizationSettings { MaxWallTime = TimeSpan.FromMinutes(5) }, TimeProvider.System)
            .RunAsync(fixture.Request() with { StartedAt = DateTimeOffset.UtcNow.AddHours(-1) }, CancellationToken.None);

        Assert.StartsWith("token budget reached", byTokens.StopReason);
        Assert.Empty(byTokens.Iterations);
        Assert.StartsWith("wall-time budget reached", byTime.StopReason);
    }

    [Fact]
    public async Task The_cost_estimate_bounds_the_replays_and_is_reported_before_any_eval()
    {
        var fixture = Fixture.Airline();
        var evaluator = new FakeEvaluator(fixture.ById);
        var progress = new ProgressLog();
        var settings = new OptimizationSettings { MaxIterations = 3, Trials = 2 };

        var outcome = await new OptimizationLoop(evaluator, new RuleBasedProposer(), new InMemoryOptimizationJournal(), settings,
            TimeProvider.System, progress).RunAsync(fixture.Request(), CancellationToken.None);

        Assert.Equal("estimate", progress.Updates[0].Stage);
        Assert.Equal((12 + 6) * 2 + 3 * (12 * 2 + 6 * 2), outcome.Estimate.MaxTrials);
        Assert.True(evaluator.Replays.Count <= outcome.Estimate.MaxTrials);
        Assert.Equal("stopped", progress.Updates[^1].Stage);
    }

    private sealed class ProgressLog : IOptimizationProgress
    {
        public List<OptimizationProgressUpdate> Updates { get; } = [];

        public Task ReportAsync(OptimizationProgressUpdate update, CancellationToken cancellationToken)
        {
            lock (Updates) Updates.Add(update);
            return Task.CompletedTask;
        }
    }
}
