using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using BetterHarness.Host;
using BetterHarness.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace BetterHarness.Testing;

/// <summary>
/// A real ingest host on free loopback ports with its own data dir: the same host `bh up` builds,
/// reached over real sockets. Short quiet window so traces complete quickly in tests.
/// </summary>
public sealed class IngestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private IngestHost(WebApplication app, string dataDir, int api, int grpc, int http)
    {
        _app = app;
        DataDir = dataDir;
        ApiPort = api;
        GrpcPort = grpc;
        HttpPort = http;
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{api}") };
        Otlp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}") };
    }

    public string DataDir { get; }
    public int ApiPort { get; }
    public int GrpcPort { get; }
    public int HttpPort { get; }
    public HttpClient Api { get; }
    public HttpClient Otlp { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<IngestHost> StartAsync(string? dataDir = null, Dictionary<string, string?>? settings = null)
    {
        dataDir ??= Path.Combine(Path.GetTempPath(), "bh-test-" + Guid.NewGuid().ToString("N"));
        int api = FreePort(), grpc = FreePort(), http = FreePort();
        var config = new Dictionary<string, string?>
        {
            ["BetterHarness:DataDir"] = dataDir,
            ["BetterHarness:ApiEndpoint"] = $"127.0.0.1:{api}",
            ["BetterHarness:Ingest:OtlpGrpcEndpoint"] = $"127.0.0.1:{grpc}",
            ["BetterHarness:Ingest:OtlpHttpEndpoint"] = $"127.0.0.1:{http}",
            ["BetterHarness:Ingest:QuietWindow"] = "00:00:00.300",
            ["BetterHarness:Ingest:SweepInterval"] = "00:00:00.050",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? []) config[k] = v;
        // Tests sharing one broker must not compete for each other's queues.
        config.TryAdd("BetterHarness:QueuePrefix", "t" + Guid.NewGuid().ToString("N")[..8]);
        var app = ServiceHost.Build([], ServiceCatalog.All(), c => c.AddInMemoryCollection(config));
        await app.StartAsync();
        return new IngestHost(app, dataDir, api, grpc, http);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls the API until the trace has completed (or amended-and-re-completed) at least at <paramref name="revision"/>.</summary>
    public async Task<JsonObject> WaitForTraceAsync(string traceId, int revision = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var response = await Api.GetAsync($"/api/traces/{traceId}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                last = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                if ((string?)last["state"] == "completed" && (int)last["revision"]! >= revision) return last;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"trace {traceId} did not complete (revision {revision}); last: {last?.ToJsonString() ?? "not found"}");
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        Otlp.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
