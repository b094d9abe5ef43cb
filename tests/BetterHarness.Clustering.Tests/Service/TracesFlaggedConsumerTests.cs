using BetterHarness.Clustering.Consumers;
using BetterHarness.Clustering.Storage;
using BetterHarness.Contracts;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

using BetterHarness.Testing.Storage;

namespace BetterHarness.Clustering.Tests.Service;

/// <summary>On SQLite and on PostgreSQL (<see cref="TracesFlaggedConsumerTestsOnSqlite"/>, <see cref="TracesFlaggedConsumerTestsOnPostgres"/>).</summary>
public abstract class TracesFlaggedConsumerTests(StoreEngine engine)
{
    [Fact]
    public async Task Redelivered_batch_is_not_double_counted()
    {
        await using var host = await ClusteringTestHost.StartAsync(engine: engine);
        var digests = Enumerable.Range(0, 3).Select(_ => Digests.Failure("payment gateway timed out")).ToArray();
        var batch = new TracesFlagged { BatchId = Guid.NewGuid(), Traces = digests };

        await host.Harness.Bus.Publish(batch);
        await host.Harness.Bus.Publish(batch);
        await host.Harness.InactivityTask;

        Assert.Equal(2, await host.Harness.Consumed.SelectAsync<TracesFlagged>(c => c.Context.Message.BatchId == batch.BatchId).Count());
        Assert.Equal(3, host.Services.GetRequiredService<FailureStore>().All().Count);
        var (summary, _, _) = await host.Engine.ReclusterAsync(null, dryRun: false, default);
        Assert.Equal(3, summary.Failures);
    }

    [Fact]
    public async Task Older_revision_does_not_replace_a_newer_one()
    {
        await using var host = await ClusteringTestHost.StartAsync(engine: engine);
        var id = Digests.NewTraceId();
        await host.SendAsync(Digests.Failure("invalid api key", traceId: id, revision: 2));
        await host.SendAsync(Digests.Failure("payment timed out", traceId: id, revision: 1));
        Assert.Equal(2, host.Services.GetRequiredService<FailureStore>().Find(id)!.Value.Revision);
    }

    [Fact]
    public async Task Malformed_digest_faults_without_retry_and_goes_to_the_error_queue()
    {
        await using var host = await ClusteringTestHost.StartAsync(engine: engine);
        var bad = Digests.Failure("boom") with { TraceId = "not-a-trace-id" };
        var good = Digests.Failure("payment gateway timed out");

        await host.Harness.Bus.Publish(new TracesFlagged { BatchId = Guid.NewGuid(), Traces = [good, bad] });
        await host.Harness.InactivityTask;

        var consumed = host.Harness.GetConsumerHarness<TracesFlaggedConsumer>().Consumed.Select<TracesFlagged>().ToList();
        Assert.Single(consumed); // not retried
        Assert.IsType<MalformedDigestException>(consumed[0].Exception);
        Assert.Contains("not-a-trace-id", consumed[0].Exception.Message);
        Assert.True(await host.Harness.Published.Any<MassTransit.Fault<TracesFlagged>>());
        Assert.NotNull(host.Services.GetRequiredService<FailureStore>().Find(good.TraceId)); // the good one is kept
    }
}

public sealed class TracesFlaggedConsumerTestsOnSqlite(SqliteEngine engine) : TracesFlaggedConsumerTests(engine), IClassFixture<SqliteEngine>;

public sealed class TracesFlaggedConsumerTestsOnPostgres(PostgresEngine engine) : TracesFlaggedConsumerTests(engine), IClassFixture<PostgresEngine>;
