using BetterHarness.Optimizer.Domain.Optimization.Journal;
using BetterHarness.Optimizer.Domain.Optimization.Loop;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;
using BetterHarness.Optimizer.Optimization.Storage;
using System.Text.Json;
using BetterHarness.Optimizer.Domain.Optimization.Reporting;

namespace BetterHarness.Optimizer.Tests.Optimization.Service;

public sealed class ResumeServiceTests
{
    private static readonly OptimizationSettings Settings = new() { MaxIterations = 3, EvaluationChunkSize = 4 };

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(12)]
    public async Task The_sqlite_journal_resumes_a_crashed_run_without_redoing_finished_eval_work(int crashOnCall)
    {
        var fixture = Fixture.Airline();
        var clean = new FakeEvaluator(fixture.ById, 0.03);
        var expected = await Run(clean, new InMemoryOptimizationJournal(), fixture);
        var db = OptimizationDatabase.Open(Path.Combine(Path.GetTempPath(), "bh-journal-" + Guid.NewGuid().ToString("N")));

        var crashing = new FakeEvaluator(fixture.ById, 0.03) { CrashOnCall = crashOnCall };
        await Assert.ThrowsAsync<SimulatedCrashException>(() => Run(crashing, new SqliteOptimizationJournal(db, "opt_a"), fixture));
        var resumed = new FakeEvaluator(fixture.ById, 0.03);
        var actual = await Run(resumed, new SqliteOptimizationJournal(db, "opt_a"), fixture);

        Assert.Equal(clean.Replays.Count, crashing.Replays.Count + resumed.Replays.Count);
        Assert.Empty(crashing.Replays.Intersect(resumed.Replays));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_host_stopped_mid_run_resumes_the_run_at_its_next_start()
    {
        var fixture = Fixture.Airline();
        var first = await OptimizerHost.StartAsync(fixture);
        first.Evaluators.Delay = TimeSpan.FromMilliseconds(40);
        using var http = first.Client();
        var id = await OptimizationApiTests.Start(http, new { agent = "airline", maxIterations = 3 });
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!((string?)(await first.WaitForStatusAsync(http, id, "running", "awaiting_review"))["progress"] ?? "").StartsWith("iteration 1", StringComparison.Ordinal)
               && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        await first.DisposeAsync();
        var before = first.Evaluators.Created.Sum(e => e.Replays.Count);

        await using var second = await OptimizerHost.StartAsync(fixture, dataDir: first.DataDir, harnesses: first.Harnesses);
        using var http2 = second.Client();
        var run = await second.WaitForStatusAsync(http2, id, "awaiting_review", "failed");

        Assert.Equal("awaiting_review", (string?)run["status"]);
        var after = second.Evaluators.Created.Sum(e => e.Replays.Count);
        var clean = new FakeEvaluator(fixture.ById, 0.02);
        await new OptimizationLoop(clean, new RuleBasedProposer(), new InMemoryOptimizationJournal(),
            new OptimizationSettings { MaxIterations = 3 }, TimeProvider.System).RunAsync(fixture.Request(), CancellationToken.None);
        Assert.True(before > 0, "the first host did some work before it stopped");
        Assert.Equal(clean.Replays.Count, before + after);
    }

    private static async Task<string> Run(FakeEvaluator evaluator, IOptimizationJournal journal, Fixture fixture)
    {
        var outcome = await new OptimizationLoop(evaluator, new RuleBasedProposer(), journal, Settings, TimeProvider.System)
            .RunAsync(fixture.Request(), CancellationToken.None);
        return JsonSerializer.Serialize(ReportBuilder.Build(outcome, fixture.Optimization, fixture.Holdout, "awaiting_review", null));
    }
}
