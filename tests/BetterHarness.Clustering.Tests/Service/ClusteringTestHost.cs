using BetterHarness.Clustering.Engine;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.Testing.Storage;
using BetterHarness.Text;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Clustering.Tests.Service;

/// <summary>
/// The clustering module as `bh up` wires it (same options, stores and consumer), on MassTransit's test
/// harness, a temporary SQLite dir (or fresh stores of the given <see cref="StoreEngine"/>) and the hashing stand-in for MiniLM.
/// </summary>
public sealed class ClusteringTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ClusteringTestHost(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;
    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();
    public ClusteringEngine Engine => Services.GetRequiredService<ClusteringEngine>();

    /// <summary>The host's HTTP address (bound to port 0, read back after start).</summary>
    public Uri Address => new(_app.Urls.First());

    public HttpClient Client() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <param name="services">Registrations made before the module's (a fake analyst model, a fake clock); the module keeps them.</param>
    /// <param name="engine">Where the stores are (default: SQLite in a temporary dir).</param>
    public static async Task<ClusteringTestHost> StartAsync(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null,
        StoreEngine? engine = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BetterHarness:DataDir"] = Path.Combine(Path.GetTempPath(), "bh-clustering-test-" + Guid.NewGuid().ToString("N")),
            ["BetterHarness:Clustering:ReclusterInterval"] = "01:00:00",
            ["BetterHarness:Clustering:WebhookBackoff"] = "00:00:00.050",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        if (engine is not null) builder.Configuration.AddInMemoryCollection(engine.NewStorage());
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOptions<HostingOptions>().BindConfiguration(HostingOptions.Section);
        builder.Services.AddSingleton<ITextEmbedder, HashingEmbedder>();
        services?.Invoke(builder.Services);
        var module = new ClusteringModule();
        module.AddServices(builder);
        builder.Services.AddMassTransitTestHarness(bus =>
        {
            module.AddConsumers(bus);
            // Assignments and alerts are published by the outbox dispatcher just after the consumer's commit; on a
            // loaded machine that gap can outlast the default 1.2 s the harness takes as "idle".
            bus.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromSeconds(5));
        });
        var app = builder.Build();
        module.MapEndpoints(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A host refused at start-up (invalid options) still holds its services: let them go.
            await app.DisposeAsync();
            throw;
        }
        return new ClusteringTestHost(app);
    }

    /// <summary>Publishes a batch and waits until the consumer has finished with it.</summary>
    public async Task<Guid> SendAsync(params BetterHarness.Contracts.TraceDigest[] digests)
    {
        var batch = new BetterHarness.Contracts.TracesFlagged { BatchId = Guid.NewGuid(), Traces = digests };
        await Harness.Bus.Publish(batch);
        // Polled rather than Consumed.Any: once the harness has been idle, Any stops waiting.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Harness.Consumed.Select<BetterHarness.Contracts.TracesFlagged>(c => c.Context.Message.BatchId == batch.BatchId).Any())
        {
            Assert.True(DateTime.UtcNow < deadline, $"batch {batch.BatchId} was not consumed within 30 s");
            await Task.Delay(20);
        }
        return batch.BatchId;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
