using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BetterHarness.Contracts;
using BetterHarness.Curation;
using BetterHarness.Mining;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Curation.Tests;

/// <summary>
/// A real host with mining and curation on a free loopback port, in-memory bus, its own data dir. Candidates are
/// proposed on the bus carrying the case whole, as mining proposes them from another process.
/// </summary>
public sealed class CurationHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CurationHost(WebApplication app, int port, string? adminKey)
    {
        _app = app;
        Port = port;
        AdminKey = adminKey;
        Api = Client(adminKey);
    }

    public int Port { get; }
    public MessageProbe Probe { get; private init; } = null!;
    public HttpClient Api { get; }
    public IServiceProvider Services => _app.Services;

    /// <param name="adminKey">A key the host accepts as admin, when <paramref name="settings"/> configure keys.</param>
    /// <param name="clock">The clock of mining and curation (leases, audit times); the system clock when null.</param>
    public static async Task<CurationHost> StartAsync(
        Dictionary<string, string?>? settings = null, string? adminKey = null, TimeProvider? clock = null)
    {
        var port = IngestHost.FreePort();
        var config = new Dictionary<string, string?>
        {
            ["BetterHarness:DataDir"] = Path.Combine(Path.GetTempPath(), "bh-curation-" + Guid.NewGuid().ToString("N")),
            ["BetterHarness:ApiEndpoint"] = $"127.0.0.1:{port}",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? []) config[k] = v;
        var probe = new MessageProbe();
        ServiceModule[] modules = [new ClockModule(clock ?? TimeProvider.System), new MiningModule(), new CurationModule(), new MessageProbe.Module(probe)];
        var app = ServiceHost.Build([], modules, c => c.AddInMemoryCollection(config));
        await app.StartAsync();
        return new CurationHost(app, port, adminKey) { Probe = probe };
    }

    public HttpClient Client(string? apiKey)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };
        if (apiKey is not null) http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return http;
    }

    /// <summary>Proposes candidates on the bus; waits until curation has queued them.</summary>
    public async Task ProposeAsync(params JsonObject[] candidates)
    {
        foreach (var candidate in candidates) await PublishAsync(Candidates.Proposal(candidate));
        foreach (var candidate in candidates) await WaitForAsync((string)candidate["id"]!, item => (bool)item["fetched"]!);
    }

    public Task PublishAsync<T>(T message) where T : class => Services.GetRequiredService<IBus>().Publish(message);

    /// <summary>The admin key the host was started with, if any.</summary>
    public string? AdminKey { get; }

    public async Task<JsonObject> WaitForAsync(string candidateId, Func<JsonObject, bool> until, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        var http = Client(AdminKey);
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var response = await http.GetAsync($"/api/review/{candidateId}");
            if (response.IsSuccessStatusCode)
            {
                last = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                if (until(last)) return last;
            }
            await Task.Delay(30);
        }
        throw new TimeoutException($"queue item {candidateId} did not reach the expected state; last: {last?.ToJsonString() ?? "not found"}");
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Registers the clock before the service modules, whose own registration of the system clock then yields.</summary>
    private sealed class ClockModule(TimeProvider clock) : ServiceModule
    {
        public override string Name => "clock";
        public override void AddServices(WebApplicationBuilder builder) => builder.Services.AddSingleton(clock);
        public override void MapEndpoints(WebApplication app) { }
    }
}
