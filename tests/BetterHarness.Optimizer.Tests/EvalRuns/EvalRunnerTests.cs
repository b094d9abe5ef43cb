using System.Collections.Concurrent;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.Agents;
using BetterHarness.Optimizer.Domain.EvalRuns;
using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Tests.Support;

namespace BetterHarness.Optimizer.Tests.EvalRuns;

public sealed class EvalRunnerTests
{
    [Fact]
    public async Task Resuming_runs_only_the_pairs_not_yet_completed_and_returns_all_of_them()
    {
        var runner = new CountingRunner();
        var stored = new ConcurrentBag<TrialResult>();
        var cases = AirlineFixture.All;
        using var cancel = new CancellationTokenSource();
        var options = new EvalOptions
        {
            MaxParallel = 1,
            OnTrialCompleted = (r, _) => { stored.Add(r); if (stored.Count == 5) cancel.Cancel(); return ValueTask.CompletedTask; },
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EvalRunner.EvaluateAsync(AirlineFixture.Harness(), cases, 2, runner, options, cancel.Token));
        Assert.Equal(5, stored.Count);

        var resumed = await EvalRunner.EvaluateAsync(AirlineFixture.Harness(), cases, 2, runner, new EvalOptions { Completed = stored.ToList() });

        Assert.Equal(cases.Count * 2, runner.Runs.Count);
        Assert.Equal(cases.Count * 2, runner.Runs.Distinct().Count());
        Assert.Equal(cases.Select(c => c.Id), resumed.Cases.Select(c => c.Case.Id));
        Assert.All(resumed.Cases, c => Assert.Equal([0, 1], c.Trials.Select(t => t.Trial)));
    }

    [Fact]
    public async Task A_run_the_model_could_not_finish_fails_with_the_reason()
    {
        var result = await EvalRunner.EvaluateAsync(AirlineFixture.Harness(), AirlineFixture.All.Take(1).ToList(), 1, new FailingRunner());
        var trial = result.Cases[0].Trials[0];
        Assert.False(trial.Passed);
        Assert.Equal("agent_error", trial.Graders[0].Type);
        Assert.Contains("endpoint down", trial.Graders[0].Detail);
    }

    private sealed class CountingRunner : IAgentRunner
    {
        public ConcurrentBag<string> Runs { get; } = [];
        public string Name => "counting";
        public bool Simulated => false;

        public Task<Transcript> RunAsync(HarnessDocument harness, EvalCase evalCase, int trial, CancellationToken cancellationToken)
        {
            Runs.Add($"{evalCase.Id}/{trial}");
            return Task.FromResult(new Transcript { Messages = [new TranscriptMessage("assistant", "ok")] });
        }
    }

    private sealed class FailingRunner : IAgentRunner
    {
        public string Name => "failing";
        public bool Simulated => false;

        public Task<Transcript> RunAsync(HarnessDocument harness, EvalCase evalCase, int trial, CancellationToken cancellationToken) =>
            Task.FromResult(new Transcript { Messages = [], Error = "endpoint down" });
    }
}
