using System.Collections.Concurrent;
using BetterHarness.Contracts;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.Testing.Storage;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BetterHarness.ServiceDefaults.Tests.Outbox;

/// <summary>
/// The outbox on PostgreSQL, where replicas share it: besides the common behaviour, several dispatchers drain one table
/// and none publishes a row another did, and a dead dispatcher's claimed rows are taken over after its lease.
/// </summary>
public sealed class OutboxOnPostgres(PostgresEngine engine) : OutboxTests(engine), IClassFixture<PostgresEngine>
{
    [Fact]
    public async Task Two_dispatchers_on_one_outbox_publish_every_row_exactly_once()
    {
        const int messages = 2_000;
        var storage = Engine.NewStorage();
        // Two replicas: each its own outbox instance (its own claims) over the same schema, its own dispatcher.
        var first = Open(Engine.NewDatabases(storage));
        var second = Open(Engine.NewDatabases(storage));
        await using var provider = new ServiceCollection().AddMassTransitTestHarness().BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var settings = new OutboxSettings(BatchSize: 25, RedriveWindowOnStart: TimeSpan.Zero);
        var dispatchers = new[] { first, second }.Select(o => new OutboxDispatcher(o, settings, harness.Bus,
            new HostingOptions(), NullLogger<OutboxDispatcher>.Instance)).ToArray();
        var published = new ConcurrentDictionary<string, int>();
        var perDispatcher = new int[2];

        // Writers keep adding while both dispatchers drain, as under load.
        var writing = Task.Run(() =>
        {
            for (var i = 0; i < messages; i += 50)
                Write(i % 100 == 0 ? first : second, commit: true, [.. Enumerable.Range(i, 50).Select(n => Changed($"snap_{n}"))]);
        });
        // Both dispatchers start together and pause briefly after every batch, as a real one does between polls: on a
        // loaded machine one thread could otherwise drain every row before the other was first scheduled.
        using var started = new CountdownEvent(dispatchers.Length);
        var draining = dispatchers.Select((d, index) => Task.Run(async () =>
        {
            started.Signal();
            started.Wait(TimeSpan.FromSeconds(30));
            while (!writing.IsCompleted || first.PendingCount() > 0)
            {
                var count = await d.PublishBatchAsync(CancellationToken.None);
                Interlocked.Add(ref perDispatcher[index], count);
                await Task.Delay(count == 0 ? 5 : 2);
            }
        })).ToArray();
        await writing;
        await Task.WhenAll(draining).WaitAsync(TimeSpan.FromSeconds(60));

        foreach (var m in harness.Published.Select<EvalSetChanged>())
            published.AddOrUpdate(m.Context.Message.SnapshotId, 1, (_, n) => n + 1);
        Assert.Equal(messages, published.Count);
        Assert.DoesNotContain(published, p => p.Value > 1);
        Assert.Equal(messages, perDispatcher.Sum());
        Assert.All(perDispatcher, n => Assert.True(n > 0, $"one dispatcher published nothing ({string.Join(", ", perDispatcher)}): the test did not run them side by side"));
        Assert.Equal(0, first.PendingCount());
    }

    [Fact]
    public async Task Rows_a_dead_dispatcher_claimed_are_taken_over_after_its_lease()
    {
        var storage = Engine.NewStorage();
        var dead = Open(Engine.NewDatabases(storage), claimLease: TimeSpan.FromMilliseconds(300));
        var alive = Open(Engine.NewDatabases(storage));
        Write(dead, commit: true, Changed("snap_a"), Changed("snap_b"));

        Assert.Equal(2, dead.Pending(10).Count);   // claimed, then the process dies before publishing
        Assert.Empty(alive.Pending(10));           // held by the other replica's claim
        Assert.Equal(2, dead.Pending(10).Count);   // its owner takes them again at once (a retry after a failed publish)

        await Task.Delay(400);
        var taken = alive.Pending(10);
        Assert.Equal(["snap_a", "snap_b"], taken.Select(p => ((EvalSetChanged)p.Message).SnapshotId));
        alive.MarkSent(taken.Select(t => t.Id), 1);
        Assert.Equal(0, alive.PendingCount());
        Assert.Empty(dead.Pending(10));
    }
}
