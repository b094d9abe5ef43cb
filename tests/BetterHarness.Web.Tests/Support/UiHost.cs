using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BetterHarness.Testing;

namespace BetterHarness.Web.Tests.Support;

/// <summary>
/// One real host (every module, embedded, free loopback ports) fed with replayed tau-bench traces and one hostile
/// trace, clustered and mined; plus a Chromium. Shared by the UI tests so the replay happens once.
/// </summary>
public sealed class UiHost : IAsyncLifetime
{
    public IngestHost Host { get; private set; } = null!;
    public Browser Browser { get; private set; } = null!;
    public string BaseUrl => $"http://127.0.0.1:{Host.ApiPort}";
    public IReadOnlyList<string> ReplayedTraceIds { get; private set; } = [];
    public string HostileTraceId { get; private set; } = "";
    public HostileAgent HostileAgent { get; private set; } = null!;
    private Task<EvalRunData>? _evalRuns;
    private readonly Lock _evalRunsGate = new();

    /// <summary>Eval-run data (cases, harness versions, runs), made on first use and shared.</summary>
    public Task<EvalRunData> EvalRunsAsync()
    {
        lock (_evalRunsGate) return _evalRuns ??= EvalRunData.CreateAsync(this);
    }

    public async Task InitializeAsync()
    {
        HostileAgent = await HostileAgent.StartAsync();
        Host = await IngestHost.StartAsync(settings: new()
        {
            ["BetterHarness:Clustering:MinClusters"] = "2",
            ["BetterHarness:Models:hostile:Kind"] = "http-agent",
            ["BetterHarness:Models:hostile:BaseUrl"] = HostileAgent.Url,
            // The LLM failure analyst on a model whose root causes are hostile: the cluster page must show them as text.
            ["BetterHarness:Models:analyst:Kind"] = "openai",
            ["BetterHarness:Models:analyst:BaseUrl"] = HostileAgent.ChatBaseUrl,
            ["BetterHarness:Models:analyst:Model"] = "hostile-analyst",
            ["BetterHarness:Clustering:Analyst:Model"] = "analyst",
            ["BetterHarness:Clustering:Analyst:PollInterval"] = "00:00:00.200",
        });
        var browser = Browser.LaunchAsync();
        var ids = new List<string>();
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "taubench-airline.sample.otlp.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var response = await Host.Otlp.PostAsync("/v1/traces", new StringContent(line, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
            ids.Add((string)JsonNode.Parse(line)!["resourceSpans"]![0]!["scopeSpans"]![0]!["spans"]![0]!["traceId"]!);
        }
        var (hostile, hostileId) = HostileTrace.Build();
        (await Host.Otlp.PostAsync("/v1/traces", HostileTrace.Content(hostile))).EnsureSuccessStatusCode();
        HostileTraceId = hostileId;
        ReplayedTraceIds = ids;
        foreach (var id in ids.Append(hostileId)) await Host.WaitForTraceAsync(id, timeout: TimeSpan.FromSeconds(60));
        await WaitForAsync("/api/candidates?limit=1", "candidates", TimeSpan.FromSeconds(60));
        await WaitForAsync("/api/review?status=pending&limit=1", "items", TimeSpan.FromSeconds(60));
        await WaitForAnalysesAsync(TimeSpan.FromSeconds(60));
        await WaitForHostileAssignmentAsync(a => a?["analysis"] is JsonObject, "an analyst statement", TimeSpan.FromSeconds(60));
        (await Host.Api.PostAsync("/api/clusters/recluster", null)).EnsureSuccessStatusCode();
        await WaitForAsync("/api/clusters?limit=1", "clusters", TimeSpan.FromSeconds(30));
        await WaitForHostileAssignmentAsync(a => a?["clusterId"] is JsonValue, "a cluster", TimeSpan.FromSeconds(30));
        Browser = await browser;
    }

    /// <summary>Until the analyst has a statement for every failure, so the re-clustering below sees them all (deterministic clusters).</summary>
    private async Task WaitForAnalysesAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var status = (await Host.Api.GetFromJsonAsync<JsonObject>("/api/clusters/analyst"))!;
            if ((long)status["failures"]! > 0 && (long)status["analysedFailures"]! == (long)status["failures"]!) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"the failure analyst did not answer for every failure within {timeout.TotalSeconds:0} s");
    }

    /// <summary>Until the hostile trace's clustering record (GET /api/clusters/assignments/{id}) satisfies <paramref name="done"/>.</summary>
    private async Task WaitForHostileAssignmentAsync(Func<JsonObject?, bool> done, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Host.Api.GetAsync("/api/clusters/assignments/" + HostileTraceId);
            if (response.IsSuccessStatusCode && done(await response.Content.ReadFromJsonAsync<JsonObject>())) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"the hostile trace had no {what} within {timeout.TotalSeconds:0} s");
    }

    private async Task WaitForAsync(string path, string arrayName, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var body = await Host.Api.GetFromJsonAsync<JsonObject>(path);
            if (body?[arrayName] is JsonArray { Count: > 0 }) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{path} stayed empty for {timeout.TotalSeconds:0} s");
    }

    private readonly HashSet<string> _claimed = [];

    /// <summary>A pending candidate no other test has taken (tests share the queue and each decides on its own items).</summary>
    public async Task<string> TakePendingCandidateAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var queue = await Host.Api.GetFromJsonAsync<JsonObject>("/api/review?status=pending&limit=1000");
            lock (_claimed)
            {
                var free = queue!["items"]!.AsArray().Select(i => (string)i!["candidateId"]!).FirstOrDefault(id => !_claimed.Contains(id));
                if (free is not null)
                {
                    _claimed.Add(free);
                    return free;
                }
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("no unclaimed pending candidate in the review queue");
    }

    public bool IsFree(string candidateId)
    {
        lock (_claimed) return !_claimed.Contains(candidateId);
    }

    public void Claim(string candidateId)
    {
        lock (_claimed) _claimed.Add(candidateId);
    }

    /// <summary>The eval store's case accepted from a candidate (its current document).</summary>
    public async Task<JsonObject> CaseFromCandidateAsync(string candidateId)
    {
        var list = await Host.Api.GetFromJsonAsync<JsonObject>("/api/evals?limit=1000");
        var id = list!["cases"]!.AsArray().Select(c => c!.AsObject()).Single(c => (string?)c["sourceCandidateId"] == candidateId)["id"]!.GetValue<string>();
        return (await Host.Api.GetFromJsonAsync<JsonObject>("/api/evals/" + id))!;
    }

    /// <summary>The hostile trace's cluster (assigned before any test runs).</summary>
    public async Task<string> HostileClusterIdAsync() =>
        (string)(await Host.Api.GetFromJsonAsync<JsonObject>("/api/clusters/assignments/" + HostileTraceId))!["clusterId"]!;

    public Task<WatchedPage> OpenPageAsync() => WatchedPage.OpenAsync(Browser, BaseUrl);

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        if (Host is not null) await Host.DisposeAsync();
        if (HostileAgent is not null) await HostileAgent.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<UiHost>
{
    public const string Name = "ui";
}
