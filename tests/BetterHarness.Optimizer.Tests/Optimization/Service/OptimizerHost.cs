using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Optimizer.Optimization.Ports;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Optimizer.Tests.Optimization.Service;

/// <summary>
/// A real host running the optimizer module on a free loopback port (in-memory bus, its own data dir), with the
/// harness store, eval snapshots and evaluator replaced by the fixture's, so a run is deterministic and quick.
/// </summary>
internal sealed class OptimizerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OptimizerHost(WebApplication app, int port, string dataDir)
    {
        _app = app;
        Port = port;
        DataDir = dataDir;
    }

    public int Port { get; }
    public string DataDir { get; }
    /// <summary>The in-memory harness versions (null with <c>storedHarnesses</c>: the real store serves them).</summary>
    public MemoryHarnessVersions Harnesses { get; private init; } = null!;
    public FixtureEvaluators Evaluators { get; private init; } = null!;
    public IServiceProvider Services => _app.Services;

    public static async Task<OptimizerHost> StartAsync(Fixture fixture, Dictionary<string, string?>? settings = null, string? dataDir = null,
        MemoryHarnessVersions? harnesses = null, bool web = false, bool storedHarnesses = false,
        bool configuredModels = false, bool seedStored = false)
    {
        var port = IngestHost.FreePort();
        dataDir ??= Path.Combine(Path.GetTempPath(), "bh-optimizer-" + Guid.NewGuid().ToString("N"));
        var config = new Dictionary<string, string?>
        {
            ["BetterHarness:DataDir"] = dataDir,
            ["BetterHarness:ApiEndpoint"] = $"127.0.0.1:{port}",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? []) config[k] = v;
        if (harnesses is null && !storedHarnesses)
        {
            harnesses = new MemoryHarnessVersions();
            harnesses.Seed("airline", fixture.Harness);
        }
        var evaluators = new FixtureEvaluators(fixture);
        var ports = new PortsModule(harnesses, new FixtureSnapshots(fixture), configuredModels ? null : evaluators);
        ServiceModule[] modules = web ? [ports, new OptimizerModule(), new BetterHarness.Web.WebModule()] : [ports, new OptimizerModule()];
        var app = ServiceHost.Build([], modules, c => c.AddInMemoryCollection(config));
        await app.StartAsync();
        if (seedStored)
        {
            // The real harness store, seeded with the fixture's harness as the agent's first (current) version.
            app.Services.GetRequiredService<BetterHarness.Optimizer.Harnesses.Storage.HarnessStore>().Create("airline", fixture.Harness, null, "test", "seed");
        }
        return new OptimizerHost(app, port, dataDir) { Harnesses = harnesses!, Evaluators = evaluators };
    }

    /// <summary>The agent's current version in the real harness store (hosts started with <c>storedHarnesses</c>).</summary>
    public int? StoredCurrent(string agent) =>
        Services.GetRequiredService<BetterHarness.Optimizer.Harnesses.Storage.HarnessStore>().Current(agent)?.Version.Version;

    public HttpClient Client(string? apiKey = null)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };
        if (apiKey is not null) http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return http;
    }

    public async Task<JsonObject> WaitForStatusAsync(HttpClient http, string id, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonObject? run = null;
        while (DateTime.UtcNow < deadline)
        {
            run = await http.GetFromJsonAsync<JsonObject>($"/api/optimizations/{id}");
            if (statuses.Contains((string?)run!["status"])) return run;
            await Task.Delay(50);
        }
        throw new TimeoutException($"optimisation {id} did not reach {string.Join("/", statuses)}: {run}");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>
    /// Registers the fixture's ports before the optimizer module's defaults (which only fill gaps); without
    /// <paramref name="harnesses"/> the real SQLite harness store serves the versions, without <paramref name="evaluators"/>
    /// the models configured under BetterHarness:Models evaluate.
    /// </summary>
    private sealed class PortsModule(IHarnessVersions? harnesses, IEvalSnapshots snapshots, IEvaluatorFactory? evaluators) : ServiceModule
    {
        public override string Name => "test-ports";

        public override void AddServices(WebApplicationBuilder builder)
        {
            if (harnesses is not null) builder.Services.AddSingleton(harnesses);
            builder.Services.AddSingleton(snapshots);
            if (evaluators is not null) builder.Services.AddSingleton(evaluators);
            builder.Services.AddSingleton<Probe>();
        }

        public override void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<OptimizerProbeConsumer>();

        public override void MapEndpoints(WebApplication app) { }
    }
}
