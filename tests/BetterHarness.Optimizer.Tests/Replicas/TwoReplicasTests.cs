using BetterHarness.Contracts;
using BetterHarness.Optimizer.Claims;
using BetterHarness.Optimizer.Domain.Optimization.Journal;
using BetterHarness.Optimizer.Domain.Optimization.Loop;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;
using BetterHarness.Optimizer.Optimization.Storage;
using BetterHarness.Optimizer.Tests.Optimization;
using BetterHarness.Optimizer.Tests.Optimization.Service;
using BetterHarness.Testing.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Optimizer.Tests.Replicas;

/// <summary>
/// Two optimizer replicas on one PostgreSQL database (each with its own in-memory bus; they share only the stores, as
/// replicas behind one broker do): an optimisation is run by exactly one of them, and when that one stops mid-run the
/// other resumes it from the journal and finishes it once.
/// </summary>
public sealed class TwoReplicasTests(PostgresEngine engine) : IClassFixture<PostgresEngine>
{
    [Fact]
    public async Task An_optimisation_is_run_by_one_replica_and_finished_by_the_other_after_the_first_stops_mid_run()
    {
        var fixture = Fixture.Airline();
        var storage = engine.NewStorage();
        storage["BetterHarness:RunClaims:Lease"] = "00:00:02";
        var first = await OptimizerHost.StartAsync(fixture, settings: storage);
        var second = await OptimizerHost.StartAsync(fixture, settings: new(storage) { ["BetterHarness:DataDir"] = storage["BetterHarness:DataDir"] + "-2" },
            harnesses: first.Harnesses);
        var stopped = false;
        try
        {
            first.Evaluators.Delay = second.Evaluators.Delay = TimeSpan.FromMilliseconds(40);
            using var http = first.Client();
            var id = await OptimizationApiTests.Start(http, new { agent = "airline", maxIterations = 3 });
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!((string?)(await first.WaitForStatusAsync(http, id, "running", "awaiting_review"))["progress"] ?? "").StartsWith("iteration 1", StringComparison.Ordinal)
                   && DateTime.UtcNow < deadline)
                await Task.Delay(20);

            var holder = Holder(first, id);
            var (running, other) = holder == Replica(first) ? (first, second) : (second, first);
            Assert.Equal(Replica(running), holder);
            Assert.Empty(other.Evaluators.Created.SelectMany(e => e.Replays)); // the other replica did none of it
            await running.DisposeAsync();
            stopped = true;
            var before = running.Evaluators.Created.Sum(e => e.Replays.Count);

            using var otherHttp = other.Client();
            var run = await other.WaitForStatusAsync(otherHttp, id, "awaiting_review", "failed");
            Assert.Equal("awaiting_review", (string?)run["status"]);
            var after = other.Evaluators.Created.Sum(e => e.Replays.Count);
            var clean = new FakeEvaluator(fixture.ById, 0.02);
            await new OptimizationLoop(clean, new RuleBasedProposer(), new InMemoryOptimizationJournal(),
                new OptimizationSettings { MaxIterations = 3 }, TimeProvider.System).RunAsync(fixture.Request(), CancellationToken.None);
            Assert.True(before > 0 && after > 0, $"both replicas worked on the run ({before} and {after} replays)");
            Assert.Equal(clean.Replays.Count, before + after); // nothing redone, nothing skipped
            using var c = other.Services.GetRequiredService<OptimizationDatabase>().Database.Open();
            Assert.Equal(1, c.ExecuteScalar<long>("SELECT count(*) FROM outbox_messages WHERE message_type = @type",
                new { type = typeof(OptimizationFinished).FullName }));
        }
        finally
        {
            if (!stopped) await first.DisposeAsync();
            await second.DisposeAsync();
            if (stopped) await first.DisposeAsync();
        }
    }

    private static string Replica(OptimizerHost host) => host.Services.GetRequiredService<ReplicaIdentity>().Id;

    private static string? Holder(OptimizerHost host, string id)
    {
        using var c = host.Services.GetRequiredService<OptimizationDatabase>().Database.Open();
        return c.QuerySingle<string?>("SELECT claimed_by FROM optimizations WHERE id = @id", new { id });
    }
}
