using BetterHarness.Clustering.Storage;
using BetterHarness.Contracts;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

using BetterHarness.Testing.Storage;

namespace BetterHarness.Clustering.Tests.Service;

/// <summary>On SQLite and on PostgreSQL (<see cref="AssignmentAndAlertTestsOnSqlite"/>, <see cref="AssignmentAndAlertTestsOnPostgres"/>).</summary>
public abstract class AssignmentAndAlertTests(StoreEngine engine)
{
    private static TraceDigest[] Seed() =>
    [
        .. Enumerable.Range(0, 6).Select(i => Digests.Failure($"payment gateway timed out after {i} s", tool: "charge_card")),
        .. Enumerable.Range(0, 6).Select(i => Digests.Failure($"invalid api key for account {i}", tool: "get_account", kind: "error")),
    ];

    [Fact]
    public async Task Reclustering_announces_new_clusters()
    {
        await using var host = await ClusteringTestHost.StartAsync(engine: engine);
        await host.SendAsync(Seed());
        var (summary, _, _) = await host.Engine.ReclusterAsync(null, dryRun: false, default);

        Assert.Equal(2, summary.K);
        Assert.Equal(2, await host.Harness.Published.SelectAsync<FailureClusterEmerged>().Count());
        Assert.True(await host.Harness.Published.Any<TracesClustered>(m => m.Context.Message.Reason == "recluster"));
    }

    [Fact]
    public async Task New_failure_close_to_a_cluster_is_assigned_online_and_a_distant_one_waits()
    {
        await using var host = await ClusteringTestHost.StartAsync(engine: engine);
        await host.SendAsync(Seed());
        await host.Engine.ReclusterAsync(null, dryRun: false, default);
        var failures = host.Services.GetRequiredService<FailureStore>();
        var seededCluster = failures.Find(Seed()[0].TraceId);

        var close = Digests.Failure("payment gateway timed out after 99 s", tool: "charge_card");
        var far = Digests.Failure("disk quota exceeded while writing report", tool: "export_pdf", kind: "exception", request: "export my invoices");
        await host.SendAsync(close, far);

        var assigned = failures.Find(close.TraceId)!.Value.ClusterId;
        Assert.NotNull(assigned);
        Assert.Null(failures.Find(far.TraceId)!.Value.ClusterId);
        Assert.True(await host.Harness.Published.Any<TracesClustered>(m =>
            m.Context.Message.Reason == "online" && m.Context.Message.Assignments.Any(a => a.TraceId == close.TraceId)));
        Assert.Equal(failures.All().Where(f => f.TraceId != far.TraceId).Count(), failures.Assignments().Count());
    }

    [Fact]
    public async Task Redelivery_of_a_stored_but_unassigned_failure_finishes_its_assignment()
    {
        await using var host = await ClusteringTestHost.StartAsync(engine: engine);
        await host.SendAsync(Seed());
        await host.Engine.ReclusterAsync(null, dryRun: false, default);
        var failures = host.Services.GetRequiredService<FailureStore>();
        var close = Digests.Failure("payment gateway timed out after 42 s", tool: "charge_card");
        // The first delivery got as far as the store, then failed (a crash or a broker blip before assigning).
        var signature = BetterHarness.Clustering.Domain.Signatures.SignatureBuilder.Build(close);
        host.Services.GetRequiredService<SignatureStore>().Add([(signature.Hash, signature.Text, signature.DominantKind)]);
        failures.Upsert([new FailureRow(close.TraceId, close.Revision, signature.Hash, close.ServiceName, close.AgentName,
            string.Join(',', signature.Kinds), "", close.CompletedAt.ToUnixTimeMilliseconds(), 0)]);
        Assert.Null(failures.Find(close.TraceId)!.Value.ClusterId);

        await host.SendAsync(close);

        Assert.NotNull(failures.Find(close.TraceId)!.Value.ClusterId);
        Assert.True(await host.Harness.Published.Any<TracesClustered>(m => m.Context.Message.Assignments.Any(a => a.TraceId == close.TraceId)));
    }

    [Fact]
    public async Task Burst_in_the_current_bucket_raises_a_spike_once()
    {
        await using var host = await ClusteringTestHost.StartAsync(new() { ["BetterHarness:Clustering:SpikeMinCount"] = "5" }, engine: engine);
        var now = DateTimeOffset.UtcNow;
        // A steady trickle over the previous hours, then a burst now.
        await host.SendAsync([.. Enumerable.Range(1, 12).Select(h => Digests.Failure("payment gateway timed out", completedAt: now.AddHours(-h)))]);
        await host.Engine.ReclusterAsync(null, dryRun: false, default);

        await host.SendAsync([.. Enumerable.Range(0, 8).Select(_ => Digests.Failure("payment gateway timed out", completedAt: now))]);
        await host.SendAsync(Digests.Failure("payment gateway timed out", completedAt: now));

        Assert.Equal(1, await host.Harness.Published.SelectAsync<FailureClusterSpiking>().Count());
    }
}

public sealed class AssignmentAndAlertTestsOnSqlite(SqliteEngine engine) : AssignmentAndAlertTests(engine), IClassFixture<SqliteEngine>;

public sealed class AssignmentAndAlertTestsOnPostgres(PostgresEngine engine) : AssignmentAndAlertTests(engine), IClassFixture<PostgresEngine>;
