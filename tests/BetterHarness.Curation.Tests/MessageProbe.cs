using System.Collections.Concurrent;
using BetterHarness.Contracts;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.Testing.Storage;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Curation.Tests;

/// <summary>Records every curation fact published on the host's bus (a module of the test host with its own queue).</summary>
public sealed class MessageProbe
{
    private readonly ConcurrentQueue<object> _received = new();

    public IReadOnlyList<object> Received => [.. _received];

    internal void Add(object message) => _received.Enqueue(message);

    /// <summary>
    /// Waits until a received message satisfies <paramref name="match"/>. The outbox marks an entry sent when the
    /// bus accepts it, before this consumer has run, so a test waits for the message itself, not for the outbox.
    /// </summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (Received.OfType<T>().FirstOrDefault(match) is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no {typeof(T).Name} matching the condition arrived");
            await Task.Delay(20);
        }
    }

    public sealed class Module(MessageProbe probe) : ServiceModule
    {
        public override string Name => "probe";

        public override void AddServices(WebApplicationBuilder builder) => builder.Services.AddSingleton(probe);

        public override void AddConsumers(IBusRegistrationConfigurator bus)
        {
            bus.AddConsumer<Consumer>().Endpoint(e => e.Name = "probe-" + Guid.NewGuid().ToString("N"));
        }

        public override void MapEndpoints(WebApplication app) { }
    }

    public sealed class Consumer(MessageProbe probe) : IConsumer<EvalCaseAccepted>, IConsumer<EvalCaseRetired>, IConsumer<EvalSetChanged>,
        IConsumer<CorrectionVerdictGiven>, IConsumer<TracePinsChanged>
    {
        public Task Consume(ConsumeContext<CorrectionVerdictGiven> context) { probe.Add(context.Message); return Task.CompletedTask; }
        public Task Consume(ConsumeContext<TracePinsChanged> context) { probe.Add(context.Message); return Task.CompletedTask; }
        public Task Consume(ConsumeContext<EvalCaseAccepted> context) { probe.Add(context.Message); return Task.CompletedTask; }
        public Task Consume(ConsumeContext<EvalCaseRetired> context) { probe.Add(context.Message); return Task.CompletedTask; }
        public Task Consume(ConsumeContext<EvalSetChanged> context) { probe.Add(context.Message); return Task.CompletedTask; }
    }
}

/// <summary>
/// One host for a test class whose tests need no special settings (each test uses its own agent), with its stores on
/// <see cref="Engine"/>: a test class written once runs on both engines through its <c>…OnSqlite</c> and <c>…OnPostgres</c> subclasses.
/// </summary>
public abstract class SharedCurationHost(StoreEngine engine) : IAsyncLifetime
{
    public StoreEngine Engine => engine;
    public CurationHost Host { get; private set; } = null!;
    public MessageProbe Sink => Host.Probe;

    /// <summary>Another host on fresh, empty stores of the same engine.</summary>
    public Task<CurationHost> StartOtherAsync() => CurationHost.StartAsync(engine.NewStorage());

    public async Task InitializeAsync()
    {
        await engine.InitializeAsync();
        Host = await CurationHost.StartAsync(engine.NewStorage());
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await engine.DisposeAsync();
    }
}

public sealed class SharedCurationHostOnSqlite() : SharedCurationHost(new SqliteEngine());

public sealed class SharedCurationHostOnPostgres() : SharedCurationHost(new PostgresEngine());
