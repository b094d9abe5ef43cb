using BetterHarness.Clustering.Storage;
using BetterHarness.Contracts;
using Microsoft.Extensions.DependencyInjection;

using BetterHarness.Testing.Storage;

namespace BetterHarness.Clustering.Tests.Service;

/// <summary>On SQLite and on PostgreSQL (<see cref="WithdrawnFailureTestsOnSqlite"/>, <see cref="WithdrawnFailureTestsOnPostgres"/>).</summary>
public abstract class WithdrawnFailureTests(StoreEngine engine)
{
    [Fact]
    public async Task Newer_revision_that_is_no_longer_failed_leaves_its_cluster_and_an_older_redelivery_does_not_bring_it_back()
    {
        await using var host = await ClusteringTestHost.StartAsync(engine: engine);
        var seed = Enumerable.Range(0, 6).Select(i => Digests.Failure($"payment gateway timed out after {i} s", tool: "charge_card")).ToArray();
        await host.SendAsync(seed);
        await host.Engine.ReclusterAsync(null, dryRun: false, default);
        var failures = host.Services.GetRequiredService<FailureStore>();
        var queries = host.Services.GetRequiredService<ClusterQueries>();
        var first = seed[0];
        var clusterId = failures.Find(first.TraceId)!.Value.ClusterId!;
        var sizeBefore = queries.Sizes(clusterId)[clusterId].Size;

        // Late positive feedback: revision 2 has no signals left, so ingest says neither failed nor corrected.
        await host.SendAsync(first with { Revision = 2, Failed = false, Corrected = false, Signals = [] });

        Assert.Null(failures.Find(first.TraceId));
        Assert.Equal(sizeBefore - 1, queries.Sizes(clusterId)[clusterId].Size);
        Assert.DoesNotContain(failures.Assignments(), a => a.TraceId == first.TraceId);
        // Announced, with the cluster it left, so mining drops what the superseded revision fed.
        Assert.True(await host.Harness.Published.Any<TraceFailureWithdrawn>(m =>
            m.Context.Message.TraceId == first.TraceId && m.Context.Message.Revision == 2 && m.Context.Message.ClusterId == clusterId));

        await host.SendAsync(first);
        Assert.Null(failures.Find(first.TraceId));

        // …but a still newer revision that fails again is a failure again.
        await host.SendAsync(first with { Revision = 3 });
        Assert.NotNull(failures.Find(first.TraceId));
        Assert.Single(host.Harness.Published.Select<TraceFailureWithdrawn>());
    }

    [Fact]
    public async Task A_trace_that_never_failed_here_is_not_announced_as_withdrawn()
    {
        await using var host = await ClusteringTestHost.StartAsync();
        var digest = Digests.Failure("payment gateway timed out", tool: "charge_card");

        // Ingest also publishes traces its correction gate flagged that are neither failed nor corrected.
        await host.SendAsync(digest with { Failed = false, Corrected = false, Signals = [] });

        Assert.Null(host.Services.GetRequiredService<FailureStore>().Find(digest.TraceId));
        Assert.False(await host.Harness.Published.Any<TraceFailureWithdrawn>());
    }
}

public sealed class WithdrawnFailureTestsOnSqlite(SqliteEngine engine) : WithdrawnFailureTests(engine), IClassFixture<SqliteEngine>;

public sealed class WithdrawnFailureTestsOnPostgres(PostgresEngine engine) : WithdrawnFailureTests(engine), IClassFixture<PostgresEngine>;
