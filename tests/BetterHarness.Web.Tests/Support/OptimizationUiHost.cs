using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BetterHarness.Testing;

namespace BetterHarness.Web.Tests.Support;

/// <summary>
/// One real host (every module, embedded) holding a real simulated optimisation: the demo's mined tau-bench eval
/// cases imported into curation, the tau-bench policy and tools as harness v1, one run of the optimiser with the
/// simulated model (the demo's settings) ended awaiting review; plus a Chromium.
/// </summary>
public sealed class OptimizationUiHost : IAsyncLifetime
{
    public const string Agent = "airline-agent";

    public IngestHost Host { get; private set; } = null!;
    public Browser Browser { get; private set; } = null!;
    public string BaseUrl => $"http://127.0.0.1:{Host.ApiPort}";
    public string RunId { get; private set; } = "";
    public JsonObject Run { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await IngestHost.StartAsync(settings: new()
        {
            ["BetterHarness:Models:simulated:Kind"] = "simulated",
            ["BetterHarness:Optimization:CandidatesPerIteration"] = "2",
        });
        var browser = Browser.LaunchAsync();
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "optimizer");
        var harness = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(fixtures, "policy-harness.json")))!.AsObject();
        harness["agent"] = Agent;
        (await Host.Api.PostAsJsonAsync("/api/harnesses", harness)).EnsureSuccessStatusCode();
        (await Host.Api.PostAsync($"/api/harnesses/{Agent}/versions/1/current", null)).EnsureSuccessStatusCode();
        var cases = new StringContent(await File.ReadAllTextAsync(Path.Combine(fixtures, "policy-cases.jsonl")), Encoding.UTF8, "application/x-ndjson");
        (await Host.Api.PostAsync($"/api/evals/import?agent={Agent}", cases)).EnsureSuccessStatusCode();

        var started = await Host.Api.PostAsJsonAsync("/api/optimizations", new { agent = Agent, maxIterations = 4, trials = 3, model = "simulated" });
        started.EnsureSuccessStatusCode();
        RunId = (string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        Run = await WaitForStatusAsync("awaiting_review", TimeSpan.FromMinutes(3));
        Browser = await browser;
    }

    public async Task<JsonObject> WaitForStatusAsync(string status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonObject? run = null;
        while (DateTime.UtcNow < deadline)
        {
            run = await Host.Api.GetFromJsonAsync<JsonObject>($"/api/optimizations/{RunId}");
            if ((string?)run!["status"] == status) return run;
            if ((string?)run["status"] == "failed") break;
            await Task.Delay(200);
        }
        throw new TimeoutException($"optimisation {RunId} did not reach {status}: {run?.ToJsonString()}");
    }

    public Task<WatchedPage> OpenPageAsync() => WatchedPage.OpenAsync(Browser, BaseUrl);

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        if (Host is not null) await Host.DisposeAsync();
    }
}
