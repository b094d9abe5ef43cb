using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BetterHarness.Host.Load;
using Spectre.Console;

namespace BetterHarness.Host.Commands.Demo;

/// <summary>
/// <c>bh up --demo</c>, after the services started: real public conversations flow through ingest, clustering and
/// mining; curation auto-accepts the candidates into a demo eval set; harness v1 is derived from the traces; one
/// optimisation runs with the simulated model and ends awaiting approval. Every step goes through the public API,
/// exactly as a user's agent and tools would.
/// </summary>
internal sealed class DemoScript(HttpClient api, HttpClient otlp, string samplesFile, TimeSpan stepTimeout)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var lines = (await File.ReadAllLinesAsync(samplesFile, ct)).Where(l => l.Trim().Length > 0).ToList();
        Step(1, $"sending {lines.Count} real tau-bench airline conversations (MIT licence, samples/) to OTLP/HTTP");
        await Parallel.ForEachAsync(lines, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (line, token) =>
        {
            using var response = await otlp.PostAsync("v1/traces", new StringContent(line, Encoding.UTF8, "application/json"), token);
            if (!response.IsSuccessStatusCode)
                throw new CommandFailedException($"ingest refused a sample trace (HTTP {(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(token)}");
        });

        Step(2, "waiting for ingest → failure detection → clustering → mining of candidate eval cases");
        var candidates = await SettledAsync(async () => (int?)(await Get("api/candidates?limit=10000", ct))["count"] ?? 0, "mining candidates", ct);
        AnsiConsole.MarkupLine($"    {candidates} candidate eval cases mined");

        Step(3, "curation auto-accepts the candidates into the demo eval set (split into optimisation / holdout)");
        var snapshot = await SettledAsync(async () => (int?)(await Get("api/evals/snapshots?limit=1", ct))["snapshots"]?.AsArray().FirstOrDefault()?["caseCount"] ?? 0,
            "accepted eval cases", ct);
        var latest = (await Get("api/evals/snapshots?limit=1", ct))["snapshots"]!.AsArray()[0]!;
        var agent = (string)latest["agent"]!;
        AnsiConsole.MarkupLine($"    snapshot {latest["id"]}: {snapshot} cases for agent [bold]{Markup.Escape(agent)}[/]");

        Step(4, "deriving harness v1 (instructions and tool definitions) from the agent's traces");
        var derived = await Post("api/harnesses/from-traces", new JsonObject { ["agent"] = agent }, ct);
        var version = (int)derived["version"]!;
        if (await CurrentVersionAsync(agent, ct) is null) await Post($"api/harnesses/{Uri.EscapeDataString(agent)}/versions/{version}/current", new JsonObject(), ct);
        AnsiConsole.MarkupLine($"    version {version}: {derived["tools"]} tools, from {derived["tracesUsed"]} traces");

        Step(5, "optimising with the SIMULATED model: baseline, then one change at a time, validated, holdout scored");
        var id = (string)(await Post("api/optimizations", new JsonObject { ["agent"] = agent, ["maxIterations"] = 4, ["trials"] = 3, ["model"] = "simulated" }, ct))["id"]!;
        var code = await OptimizeProgress.WaitAsync(api, id, ct);
        Step(6, $"done in {watch.Elapsed.TotalSeconds:F0} s");
        AnsiConsole.MarkupLine($"[bold green]Open {api.BaseAddress}optimizations/{id}[/] to review the report and approve the new harness version.");
        return code;
    }

    private static void Step(int n, string what) => AnsiConsole.MarkupLine($"[bold]demo {n}/6[/] {Markup.Escape(what)}");

    /// <summary>Polls until the count is positive and unchanged for a few seconds (the pipeline has drained).</summary>
    private async Task<int> SettledAsync(Func<Task<int>> count, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + stepTimeout;
        int last = -1, stableFor = 0;
        while (DateTime.UtcNow < deadline)
        {
            var now = await count();
            stableFor = now == last && now > 0 ? stableFor + 1 : 0;
            last = now;
            if (stableFor >= 8) return now;
            await Task.Delay(1000, ct);
        }
        throw new CommandFailedException($"the demo saw {Math.Max(last, 0)} {what} after {stepTimeout.TotalSeconds:F0} s and stopped waiting; the services are still running — check the log above");
    }

    private async Task<int?> CurrentVersionAsync(string agent, CancellationToken ct)
    {
        using var response = await api.GetAsync($"api/harness/current?agent={Uri.EscapeDataString(agent)}", ct);
        return response.IsSuccessStatusCode ? (int?)(await response.Content.ReadFromJsonAsync<JsonObject>(ct))?["version"] : null;
    }

    private async Task<JsonObject> Get(string path, CancellationToken ct) =>
        await api.GetFromJsonAsync<JsonObject>(path, ct) ?? throw new CommandFailedException($"GET {path} answered nothing");

    private async Task<JsonObject> Post(string path, JsonObject body, CancellationToken ct)
    {
        using var response = await api.PostAsJsonAsync(path, body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new CommandFailedException($"POST {path} failed (HTTP {(int)response.StatusCode}): {text}");
        return JsonNode.Parse(text) as JsonObject ?? new JsonObject();
    }
}
