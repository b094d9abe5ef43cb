using BetterHarness.Clustering.Storage;
using BetterHarness.Contracts;
using Dapper;
using MassTransit.Testing;

namespace BetterHarness.Clustering.Tests.Service;

/// <summary>Store first, then publish: what was stored before a crash is published after the restart.</summary>
public sealed class OutboxTests
{
    [Fact]
    public async Task Crash_between_storing_an_assignment_and_publishing_it_loses_nothing()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "bh-clustering-outbox-" + Guid.NewGuid().ToString("N"));
        var traceId = Digests.NewTraceId();
        var alert = new FailureClusterSpiking
        {
            ClusterId = "fc-crashed", Label = "tool_failure: payment gateway", BucketStart = DateTimeOffset.UtcNow,
            BucketLength = TimeSpan.FromHours(1), Count = 12, Baseline = 1.5, DetectedAt = DateTimeOffset.UtcNow,
        };
        // The first process: the assignment and the spike are committed together with their messages, then it dies
        // before any dispatcher ran (no bus at all here).
        {
            var database = ClusteringDatabase.Open(dataDir);
            var failures = new FailureStore(database);
            failures.Upsert([new FailureRow(traceId, 1, "hash", "svc", "agent", "tool_failure", "", 1, 1)]);
            using var connection = database.Database.Open();
            connection.Execute("INSERT INTO clusters (id, label, dominant_kind, terms, representatives, features, centroid, created_ms, updated_ms) VALUES ('fc-crashed', 'l', 'tool_failure', '[]', '[]', 'embedding', x'0000803f', 1, 1)");
            Assert.Single(failures.Assign([(traceId, 1, "fc-crashed", 0.9)], 2, "online", "online", modelVersion: 0)!);
            Assert.True(new ClusterStore(database).MarkSpike("fc-crashed", 7, alert));
            Assert.Equal(2, database.Outbox.PendingCount());
        }

        await using var restarted = await ClusteringTestHost.StartAsync(new() { ["BetterHarness:DataDir"] = dataDir });

        Assert.True(await restarted.Harness.Published.Any<TracesClustered>(m =>
            m.Context.Message.Assignments.Any(a => a.TraceId == traceId && a.ClusterId == "fc-crashed")));
        Assert.True(await restarted.Harness.Published.Any<FailureClusterSpiking>(m => m.Context.Message.ClusterId == "fc-crashed"));
    }
}
