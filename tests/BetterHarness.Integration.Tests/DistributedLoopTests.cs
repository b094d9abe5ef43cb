using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Testing;

namespace BetterHarness.Integration.Tests;

/// <summary>
/// The whole loop in distributed mode: six `bh run` processes on RabbitMQ, each with its own store, the web
/// service as the one front door. Nothing here reads another service's database; everything goes through
/// the bus and the services' HTTP APIs, as the README's distributed example wires them.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class DistributedLoopTests(RabbitMqBroker broker)
{
    private const string Agent = "airline-agent";

    [Fact]
    public async Task Six_processes_take_traces_to_accepted_cases_a_derived_harness_and_a_graded_eval_run()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "bh-loop-" + Guid.NewGuid().ToString("N"));
        int ingestApi = IngestHost.FreePort(), grpc = IngestHost.FreePort(), http = IngestHost.FreePort();
        int clusteringApi = IngestHost.FreePort(), miningApi = IngestHost.FreePort(), curationApi = IngestHost.FreePort();
        int optimizerApi = IngestHost.FreePort(), webApi = IngestHost.FreePort();
        string Url(int port) => $"http://127.0.0.1:{port}";
        var common = new Dictionary<string, string> { ["BetterHarness__QueuePrefix"] = "loop" + Guid.NewGuid().ToString("N")[..8] };
        Dictionary<string, string> With(params (string Key, string Value)[] extra)
        {
            var env = new Dictionary<string, string>(common);
            foreach (var (key, value) in extra) env[key] = value;
            return env;
        }
        string[] Run(string service, int api, params string[] extra) =>
            ["run", service, "--rabbitmq", broker.Uri, "--data-dir", dataDir, "--api", $"127.0.0.1:{api}",
             "--quiet-window", "00:00:00.300", .. extra];

        using var ingest = BhProcess.Start(common, Run("ingest", ingestApi, "--otlp-grpc", $"127.0.0.1:{grpc}", "--otlp-http", $"127.0.0.1:{http}"));
        using var clustering = BhProcess.Start(common, Run("clustering", clusteringApi));
        using var mining = BhProcess.Start(common, Run("mining", miningApi));
        using var curation = BhProcess.Start(common, Run("curation", curationApi));
        using var optimizer = BhProcess.Start(With(
                ("BetterHarness__EvalRuns__CurationBaseUrl", Url(curationApi)),
                ("BetterHarness__EvalRuns__IngestBaseUrl", Url(ingestApi)),
                ("BetterHarness__EvalRuns__TraceExportUrl", Url(http) + "/v1/traces")),
            Run("optimizer", optimizerApi));
        using var web = BhProcess.Start(With(
                ("BetterHarness__Web__Services__ingest", Url(ingestApi)),
                ("BetterHarness__Web__Services__clustering", Url(clusteringApi)),
                ("BetterHarness__Web__Services__mining", Url(miningApi)),
                ("BetterHarness__Web__Services__curation", Url(curationApi)),
                ("BetterHarness__Web__Services__optimizer", Url(optimizerApi))),
            Run("web", webApi));
        await Task.WhenAll(ingest.WaitHealthyAsync(ingestApi), clustering.WaitHealthyAsync(clusteringApi),
            mining.WaitHealthyAsync(miningApi), curation.WaitHealthyAsync(curationApi),
            optimizer.WaitHealthyAsync(optimizerApi), web.WaitHealthyAsync(webApi));

        using var replay = BhProcess.Start("replay", Fixtures.TauBenchAirlineSample(), "--endpoint", Url(http), "--wait",
            "--api", Url(ingestApi), "--clustering-api", Url(clusteringApi), "--mining-api", Url(miningApi), "--timeout", "240");
        Assert.True(await replay.ExitCodeAsync(TimeSpan.FromMinutes(5)) == 0, replay.Output);

        // From here on only the front door: the gateway forwards every /api/* prefix to its owner.
        using var door = new HttpClient { BaseAddress = new Uri(Url(webApi)), Timeout = TimeSpan.FromSeconds(60) };
        var candidates = (await door.GetFromJsonAsync<JsonObject>("/api/candidates?limit=100"))!["candidates"]!.AsArray();
        Assert.NotEmpty(candidates);
        var pending = await Eventually(async () =>
        {
            var queue = (await door.GetFromJsonAsync<JsonObject>($"/api/review?status=pending&limit=100"))!;
            var items = queue["items"]!.AsArray().Select(i => (string)i!["candidateId"]!).ToList();
            return items.Count == candidates.Count ? items : null;
        }, "every mined candidate reaches curation's review queue");

        var bulk = await door.PostAsJsonAsync("/api/review/bulk", new { action = "accept", candidateIds = pending });
        Assert.True(bulk.IsSuccessStatusCode, await bulk.Content.ReadAsStringAsync());
        var cases = (await door.GetFromJsonAsync<JsonObject>($"/api/evals?agent={Agent}"))!;
        var accepted = CaseIds(cases);
        Assert.NotEmpty(accepted);

        var derived = await door.PostAsJsonAsync("/api/harnesses/from-traces", new { agent = Agent });
        Assert.True(derived.IsSuccessStatusCode, await derived.Content.ReadAsStringAsync());
        var harness = (await derived.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, (int)harness["version"]!);

        var started = await door.PostAsJsonAsync("/api/evalruns", new { agent = Agent, version = 1, model = "simulated", trials = 2 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var run = await Eventually(async () =>
        {
            var r = (await door.GetFromJsonAsync<JsonObject>($"/api/evalruns/{runId}"))!;
            Assert.NotEqual("failed", (string)r["status"]!);
            return (string)r["status"]! == "completed" ? r : null;
        }, "the eval run completes");
        Assert.True((bool)run["simulated"]!);
        Assert.Equal(accepted.OrderBy(c => c), run["cases"]!.AsArray().Select(c => (string)c!["caseId"]!).OrderBy(c => c));
        Assert.All(run["cases"]!.AsArray(), c => Assert.Equal(2, c!["trials"]!.AsArray().Count));

        // The pages a curator and an ops person open, rendered from four services' APIs.
        foreach (var page in new[] { "/", "/clusters", "/traces", "/review", "/evals", $"/evals/{accepted[0]}", "/audit", "/optimizations" })
        {
            var response = await door.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
            Assert.DoesNotContain("is not available", await response.Content.ReadAsStringAsync());
        }
    }

    private static List<string> CaseIds(JsonObject cases) =>
        cases["cases"]!.AsArray().Select(c => (string)c!["id"]!).ToList();

    private static async Task<T> Eventually<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var value = await probe();
            if (value is not null) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting until {what}");
            await Task.Delay(250);
        }
    }
}
