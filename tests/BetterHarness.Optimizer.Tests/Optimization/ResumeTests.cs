using BetterHarness.Optimizer.Domain.Optimization.Journal;
using BetterHarness.Optimizer.Domain.Optimization.Loop;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;
using BetterHarness.Optimizer.Domain.Optimization.Reporting;
using System.Text.Json;

namespace BetterHarness.Optimizer.Tests.Optimization;

public sealed class ResumeTests
{
    private static readonly OptimizationSettings Settings = new() { MaxIterations = 3, EvaluationChunkSize = 4 };

    [Theory]
    [InlineData(2)]   // during the baseline
    [InlineData(7)]   // during the first candidate's validation
    [InlineData(10)]  // during the first accepted version's holdout
    [InlineData(13)]  // during the second iteration
    public async Task A_run_killed_mid_iteration_resumes_without_redoing_finished_eval_work(int crashOnCall)
    {
        var fixture = Fixture.Airline();
        var clean = new FakeEvaluator(fixture.ById, 0.03);
        var expected = await Run(clean, new InMemoryOptimizationJournal(), fixture);

        var journal = new InMemoryOptimizationJournal();
        var crashing = new FakeEvaluator(fixture.ById, 0.03) { CrashOnCall = crashOnCall };
        await Assert.ThrowsAsync<SimulatedCrashException>(() => Run(crashing, journal, fixture));
        var resumed = new FakeEvaluator(fixture.ById, 0.03);
        var actual = await Run(resumed, journal, fixture);

        Assert.Equal(clean.Replays.Count, crashing.Replays.Count + resumed.Replays.Count);
        Assert.Empty(crashing.Replays.Intersect(resumed.Replays));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_finished_run_replayed_on_its_journal_evaluates_nothing_and_asks_the_proposer_nothing()
    {
        var fixture = Fixture.Airline();
        var journal = new InMemoryOptimizationJournal();
        var expected = await Run(new FakeEvaluator(fixture.ById), journal, fixture);
        var again = new FakeEvaluator(fixture.ById);
        var proposer = new RecordingProposer(new RuleBasedProposer());

        var outcome = await new OptimizationLoop(again, proposer, journal, Settings, TimeProvider.System).RunAsync(fixture.Request(), CancellationToken.None);

        Assert.Empty(again.Replays);
        Assert.Empty(proposer.Inputs);
        Assert.Equal(expected, Json(outcome, fixture));
    }

    private static async Task<string> Run(FakeEvaluator evaluator, IOptimizationJournal journal, Fixture fixture)
    {
        var outcome = await new OptimizationLoop(evaluator, new RuleBasedProposer(), journal, Settings, TimeProvider.System)
            .RunAsync(fixture.Request(), CancellationToken.None);
        return Json(outcome, fixture);
    }

    private static string Json(OptimizationOutcome outcome, Fixture fixture) =>
        JsonSerializer.Serialize(ReportBuilder.Build(outcome, fixture.Optimization, fixture.Holdout, "awaiting_review", null));
}
