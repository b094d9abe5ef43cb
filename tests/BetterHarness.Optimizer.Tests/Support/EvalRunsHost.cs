using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Testing;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.Optimizer.Tests.Support;

/// <summary>
/// The real host (every module, embedded) with the curation API stood in by a fake that exports
/// <see cref="Cases"/> as JSON lines — the eval-run service only ever reads cases over HTTP.
/// </summary>
internal sealed class EvalRunsHost : IAsyncDisposable
{
    private readonly FakeServer? _ownedCuration;

    private EvalRunsHost(FakeServer? ownedCuration, IngestHost host)
    {
        _ownedCuration = ownedCuration;
        Host = host;
    }

    public IngestHost Host { get; }
    public HttpClient Api => Host.Api;

    public static async Task<EvalRunsHost> StartAsync(IReadOnlyList<EvalCase> cases, Dictionary<string, string?>? settings = null, string? dataDir = null,
        FakeServer? curation = null)
    {
        var owned = curation is null ? await Curation(cases) : null;
        curation ??= owned!;
        var config = new Dictionary<string, string?>
        {
            ["BetterHarness:EvalRuns:CurationBaseUrl"] = curation.BaseUrl,
            ["BetterHarness:Models:simulated:Kind"] = "simulated",
            ["BetterHarness:Models:simulated:Noise"] = "0",
        };
        foreach (var (k, v) in settings ?? []) config[k] = v;
        return new EvalRunsHost(owned, await IngestHost.StartAsync(dataDir, config));
    }

    public static Task<FakeServer> Curation(IReadOnlyList<EvalCase> cases) => FakeServer.StartAsync(async context =>
    {
        if (context.Request.Path == "/api/evals/export" || context.Request.Path.StartsWithSegments("/api/evals/snapshots"))
        {
            context.Response.ContentType = "application/x-ndjson";
            foreach (var c in cases) await context.Response.WriteAsync(EvalCaseJson.Serialize(c with { Agent = "airline" }) + "\n");
            return;
        }
        context.Response.StatusCode = 404;
    });

    public async Task<int> CreateHarnessAsync(string instructions, string agent = "airline")
    {
        var response = await Api.PostAsJsonAsync("/api/harnesses", new
        {
            agent, instructions,
            tools = AirlineFixture.Tools.Select(t => new { name = t.Name, description = t.Description, parameters = t.Parameters }),
        });
        response.EnsureSuccessStatusCode();
        return (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["version"]!;
    }

    public async Task<string> StartRunAsync(object request)
    {
        var response = await Api.PostAsJsonAsync("/api/evalruns", request);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    public async Task<JsonObject> WaitForRunAsync(string id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = (await Api.GetFromJsonAsync<JsonObject>($"/api/evalruns/{id}"))!;
            if ((string?)last["status"] is "completed" or "failed") return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"run {id} did not finish: {last}");
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_ownedCuration is not null) await _ownedCuration.DisposeAsync();
    }
}
