using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Contracts;
using BetterHarness.Optimizer.Optimization;
using BetterHarness.Optimizer.Optimization.AutoTrigger;
using BetterHarness.Optimizer.Optimization.Storage;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BetterHarness.Optimizer.Tests.Optimization.Service;

public sealed class AutoTriggerTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static EvalCaseAccepted Accepted(string caseId, string agent = "airline", int revision = 1) => new()
    {
        CaseId = caseId, Agent = agent, Revision = revision, Category = "tool_selection", Split = "optimization", MustPass = false,
        AutoAccepted = true, Actor = "auto-accept", SnapshotId = "snap_" + caseId, At = At,
    };

    [Fact]
    public async Task The_nth_newly_accepted_case_starts_one_run_over_the_bus_and_duplicates_do_not_count()
    {
        await using var host = await OptimizerHost.StartAsync(Fixture.Airline(),
            new() { ["BetterHarness:Optimization:AutoTriggerAfterAcceptedCases"] = "3", ["BetterHarness:Optimization:DefaultMaxIterations"] = "1" });
        using var http = host.Client();
        var bus = host.Services.GetRequiredService<IBus>();
        var consumed = new ConsumedCount();
        using var _ = bus.ConnectConsumeMessageObserver(consumed);

        // Two cases, each delivered twice, and an edit (revision 2) of one of them: still two new cases.
        foreach (var message in new[] { Accepted("c1"), Accepted("c1"), Accepted("c2"), Accepted("c2"), Accepted("c1", revision: 2), Accepted("o1", agent: "other") })
            await bus.Publish(message);
        await consumed.WaitForAsync(6);
        Assert.Empty(await Runs(http, "airline"));

        await bus.Publish(Accepted("c3"));

        var run = await WaitForRunAsync(http, "airline");
        Assert.Equal("auto-trigger", (string?)run["requestedBy"]);
        var finished = await host.WaitForStatusAsync(http, (string)run["id"]!, "awaiting_review");
        Assert.Contains(finished["audit"]!.AsArray(), a => (string?)a!["action"] == "optimization.start" && (string?)a["actor"] == "auto-trigger");
        Assert.Empty(await Runs(http, "other"));
        Assert.Single(await Runs(http, "airline"));
    }

    [Fact]
    public void No_second_run_starts_while_one_is_queued_and_the_count_carries_over_to_the_next()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "bh-autotrigger-" + Guid.NewGuid().ToString("N"));
        var db = OptimizationDatabase.Open(dataDir);
        var runs = new OptimizationRuns(db, TimeProvider.System);
        var trigger = new AutoTriggerPolicy(new AutoTriggerStore(db), runs, Options.Create(new OptimizationOptions { AutoTriggerAfterAcceptedCases = 2 }));

        Assert.Null(trigger.CaseAccepted("airline", "c1", "s1", At));
        var first = trigger.CaseAccepted("airline", "c2", "s2", At);
        Assert.NotNull(first);
        Assert.Equal(OptimizationStatus.Queued, first.Status);

        // The first run is still queued: the next cases reach the threshold again but wait for it.
        Assert.Null(trigger.CaseAccepted("airline", "c3", "s3", At));
        Assert.Null(trigger.CaseAccepted("airline", "c4", "s4", At));
        Assert.Null(trigger.CaseAccepted("airline", "c2", "s2", At));
        Assert.Single(runs.List("airline", 10));

        runs.Fail(first.Id, "test: the first run ended", new BetterHarness.Contracts.OptimizationFinished { OptimizationId = first.Id, Agent = "airline", Status = OptimizationStatus.Failed, Simulated = true, At = At });
        var second = trigger.CaseAccepted("airline", "c5", "s5", At);

        Assert.NotNull(second);
        Assert.Equal(2, runs.List("airline", 10).Count);
        Assert.Null(trigger.CaseAccepted("airline", "c6", "s6", At));
    }

    [Fact]
    public void Off_by_default()
    {
        var db = OptimizationDatabase.Open(Path.Combine(Path.GetTempPath(), "bh-autotrigger-" + Guid.NewGuid().ToString("N")));
        var runs = new OptimizationRuns(db, TimeProvider.System);
        var trigger = new AutoTriggerPolicy(new AutoTriggerStore(db), runs, Options.Create(new OptimizationOptions()));

        for (var i = 0; i < 50; i++) Assert.Null(trigger.CaseAccepted("airline", $"c{i}", "s", At));
        Assert.Empty(runs.List(null, 10));
    }

    private static async Task<JsonArray> Runs(HttpClient http, string agent) =>
        (await http.GetFromJsonAsync<JsonObject>($"/api/optimizations?agent={agent}"))!["optimizations"]!.AsArray();

    private static async Task<JsonObject> WaitForRunAsync(HttpClient http, string agent)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if ((await Runs(http, agent)).FirstOrDefault() is JsonObject run) return (await http.GetFromJsonAsync<JsonObject>($"/api/optimizations/{run["id"]}"))!;
            await Task.Delay(25);
        }
        throw new TimeoutException($"no optimisation of {agent} was started");
    }

    private sealed class ConsumedCount : IConsumeMessageObserver<EvalCaseAccepted>
    {
        private int _count;

        public Task PreConsume(ConsumeContext<EvalCaseAccepted> context) => Task.CompletedTask;

        public Task PostConsume(ConsumeContext<EvalCaseAccepted> context)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }

        public Task ConsumeFault(ConsumeContext<EvalCaseAccepted> context, Exception exception) => Task.CompletedTask;

        public async Task WaitForAsync(int count)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (Volatile.Read(ref _count) < count && DateTime.UtcNow < deadline) await Task.Delay(25);
            Assert.Equal(count, Volatile.Read(ref _count));
        }
    }
}
