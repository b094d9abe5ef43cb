using BetterHarness.Contracts;
using BetterHarness.ServiceDefaults.Messaging;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.ServiceDefaults.Tests.Messaging;

/// <summary>The trace → cluster copy ingest and mining both keep from TracesClustered, on one base.</summary>
public sealed class TraceClusterCopyConsumerTests
{
    private sealed class RecordingCopy : ITraceClusterCopy
    {
        public List<IReadOnlyList<TraceClusterAssignment>> Calls { get; } = [];
        public void Assign(IReadOnlyList<TraceClusterAssignment> assignments) => Calls.Add(assignments);
    }

    private sealed class CopyConsumer(RecordingCopy copy) : TraceClusterCopyConsumer(copy);

    private sealed class CopyConsumerDefinition() : TraceClusterCopyConsumerDefinition<CopyConsumer>("test-traces-clustered");

    [Fact]
    public async Task Passes_the_valid_assignments_to_the_copy_in_one_call_and_skips_the_rest()
    {
        var (harness, copy) = await StartAsync();
        var good = new TraceClusterAssignment(new string('a', 32), "clu_1", 3);

        await harness.Bus.Publish(new TracesClustered
        {
            BatchId = Guid.NewGuid(), Reason = "online",
            Assignments = [good, new TraceClusterAssignment("short", "clu_1", 1), new TraceClusterAssignment(new string('b', 32), "", 1)],
        });

        Assert.True(await harness.Consumed.Any<TracesClustered>());
        Assert.Equal(good, Assert.Single(Assert.Single(copy.Calls)));
        await harness.Stop();
    }

    [Fact]
    public async Task A_batch_with_nothing_valid_never_reaches_the_copy()
    {
        var (harness, copy) = await StartAsync();

        await harness.Bus.Publish(new TracesClustered { BatchId = Guid.NewGuid(), Reason = "online", Assignments = null! });

        Assert.True(await harness.Consumed.Any<TracesClustered>());
        Assert.False(await harness.Consumed.Any<TracesClustered>(m => m.Exception is not null));
        Assert.Empty(copy.Calls);
        await harness.Stop();
    }

    private static async Task<(ITestHarness Harness, RecordingCopy Copy)> StartAsync()
    {
        var copy = new RecordingCopy();
        var provider = new ServiceCollection()
            .AddSingleton(copy)
            .AddMassTransitTestHarness(x => x.AddConsumer<CopyConsumer, CopyConsumerDefinition>())
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return (harness, copy);
    }
}
