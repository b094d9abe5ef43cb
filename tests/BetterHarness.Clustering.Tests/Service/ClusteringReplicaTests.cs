using BetterHarness.Clustering.Storage;
using BetterHarness.Contracts;
using BetterHarness.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Clustering.Tests.Service;

/// <summary>
/// Two clustering replicas on one store (the same PostgreSQL schema; on SQLite, the same file in one process): one
/// re-clustering at a time, and each replica assigns with the newest clusters whichever replica made them.
/// </summary>
public abstract class ClusteringReplicaTests(StoreEngine engine)
{
    private static TraceDigest[] Seed() =>
    [
        .. Enumerable.Range(0, 6).Select(i => Digests.Failure($"payment gateway timed out after {i} s", tool: "charge_card")),
        .. Enumerable.Range(0, 6).Select(i => Digests.Failure($"invalid api key for account {i}", tool: "get_account", kind: "error")),
    ];

    [Fact]
    public async Task Two_replicas_due_at_once_recluster_exactly_once()
    {
        var storage = engine.NewStorage();
        await using var a = await ClusteringTestHost.StartAsync(storage);
        await using var b = await ClusteringTestHost.StartAsync(storage);
        await a.SendAsync(Seed());
        var runs = a.Services.GetRequiredService<ClusterStore>();
        // Due until someone has re-clustered: the periodic worker's check, which each replica repeats under the lock.
        bool Due() => runs.LastRunMs() is null;

        var both = await Task.WhenAll(a.Engine.TryReclusterAsync(Due, default), b.Engine.TryReclusterAsync(Due, default));

        Assert.Single(both, s => s is not null);
        Assert.Equal(1, runs.ModelVersion());
    }

    [Fact]
    public async Task A_reclustering_waits_for_the_one_another_replica_is_running()
    {
        var storage = engine.NewStorage();
        await using var a = await ClusteringTestHost.StartAsync(storage);
        await using var b = await ClusteringTestHost.StartAsync(storage);
        await a.SendAsync(Seed());
        var clusters = a.Services.GetRequiredService<ClusterStore>();

        Task requested;
        await using (await clusters.HoldReclusteringAsync(default))
        {
            // Replica b's periodic run gives way; a run asked for (the API's) waits until the lock is free.
            Assert.Null(await b.Engine.TryReclusterAsync(() => true, default));
            requested = b.Engine.ReclusterAsync(null, dryRun: false, default);
            await Task.Delay(1000);
            Assert.False(requested.IsCompleted);
            Assert.Equal(0, clusters.ModelVersion());
        }
        await requested.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, clusters.ModelVersion());
    }

    [Fact]
    public async Task A_replica_assigns_with_the_clusters_another_replica_made()
    {
        var storage = engine.NewStorage();
        await using var a = await ClusteringTestHost.StartAsync(storage);
        await using var b = await ClusteringTestHost.StartAsync(storage);
        var failures = b.Services.GetRequiredService<FailureStore>();
        // Replica b has loaded its model (no clusters yet) before a re-clusters.
        var early = Digests.Failure("payment gateway timed out after 77 s", tool: "charge_card");
        await b.SendAsync(early);
        Assert.Null(failures.Find(early.TraceId)!.Value.ClusterId);
        var seed = Seed();
        await a.SendAsync(seed);
        await a.Engine.ReclusterAsync(null, dryRun: false, default);

        var close = Digests.Failure("payment gateway timed out after 99 s", tool: "charge_card");
        await b.SendAsync(close);

        var seeded = failures.Find(seed[0].TraceId)!.Value.ClusterId;
        Assert.NotNull(seeded);
        Assert.Equal(seeded, failures.Find(close.TraceId)!.Value.ClusterId);
    }

    [Fact]
    public async Task An_assignment_computed_with_an_older_model_than_the_stored_one_is_not_stored()
    {
        var storage = engine.NewStorage();
        await using var a = await ClusteringTestHost.StartAsync(storage);
        var seed = Seed();
        await a.SendAsync(seed);
        await a.Engine.ReclusterAsync(null, dryRun: false, default);
        var failures = a.Services.GetRequiredService<FailureStore>();
        var (clusterId, revision) = failures.Find(seed[0].TraceId)!.Value;

        // What a replica that loaded its model before this re-clustering would store: refused, the row keeps its cluster.
        Assert.Null(failures.Assign([(seed[0].TraceId, revision, "fc-from-an-old-model", 0.99)], 1, "online", "online", modelVersion: 0));
        Assert.Equal(clusterId, failures.Find(seed[0].TraceId)!.Value.ClusterId);
        Assert.NotNull(failures.Assign([(seed[0].TraceId, revision, clusterId!, 0.99)], 1, "online", "online", modelVersion: 1));
    }
}

public sealed class ClusteringReplicasOnSqlite(SqliteEngine engine) : ClusteringReplicaTests(engine), IClassFixture<SqliteEngine>;

public sealed class ClusteringReplicasOnPostgres(PostgresEngine engine) : ClusteringReplicaTests(engine), IClassFixture<PostgresEngine>;
