using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BetterHarness.Contracts;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Tools.Load;
using BetterHarness.Tools.Load.Loadgen;
using BetterHarness.ServiceDefaults.Hosting;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace BetterHarness.Benchmarks;

/// <summary>
/// <c>bh web bench</c>: page times of the web UI with full stores. Starts the embedded host (every module, as
/// <c>bh up</c>) on free loopback ports and a scratch data dir, then seeds it through the services' own front doors:
/// traces with <c>bh loadgen</c>'s content profile over OTLP/HTTP (until --traces are stored) plus a replay of real
/// conversations (clusters, real candidates); candidates through mining's import API, each announced to curation as
/// mining's outbox would (<see cref="EvalCandidateProposed"/> on the bus, the case inside); cases by bulk-accepting
/// --cases of them. Then it requests every page --requests times and prints p50/p95.
/// </summary>
public static class WebBench
{
    public static Command Create(Func<IReadOnlyList<ServiceModule>> modules)
    {
        var traces = new Option<int>("--traces") { DefaultValueFactory = _ => 100_000, Description = "Traces in the ingest store." };
        var candidates = new Option<int>("--candidates") { DefaultValueFactory = _ => 10_000, Description = "Candidates in mining and the review queue." };
        var cases = new Option<int>("--cases") { DefaultValueFactory = _ => 1_000, Description = "Accepted cases in the eval store." };
        var requests = new Option<int>("--requests") { DefaultValueFactory = _ => 30, Description = "Requests per page." };
        var replay = new Option<string?>("--replay") { Description = "Real conversations to replay as well (default samples/taubench-airline.otlp.jsonl)." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Keep the seeded stores here (default: a temp dir, deleted after)." };
        var command = new Command("bench", "Page times (p50/p95) of every web UI page with 100k traces, 10k candidates, 1k cases.")
            { traces, candidates, cases, requests, replay, dataDir };
        command.SetAction(async (r, ct) =>
        {
            var dir = r.GetValue(dataDir) ?? Path.Combine(Path.GetTempPath(), "bh-web-bench-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                await RunAsync(modules(), dir, r.GetValue(traces), r.GetValue(candidates), r.GetValue(cases), r.GetValue(requests),
                    r.GetValue(replay) ?? "samples/taubench-airline.otlp.jsonl", ct);
                return 0;
            }
            finally
            {
                if (r.GetValue(dataDir) is null) try { Directory.Delete(dir, true); } catch (IOException) { }
            }
        });
        return command;
    }

    private static async Task RunAsync(IReadOnlyList<ServiceModule> modules, string dataDir, int traceTarget, int candidateCount, int caseCount, int requests, string replay, CancellationToken ct)
    {
        int api = FreePort(), grpc = FreePort(), otlp = FreePort();
        var app = ServiceHost.Build([], modules, c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BetterHarness:DataDir"] = dataDir,
            ["BetterHarness:ApiEndpoint"] = $"127.0.0.1:{api}",
            ["BetterHarness:Ingest:OtlpGrpcEndpoint"] = $"127.0.0.1:{grpc}",
            ["BetterHarness:Ingest:OtlpHttpEndpoint"] = $"127.0.0.1:{otlp}",
            ["BetterHarness:Ingest:QuietWindow"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await app.StartAsync(ct);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{api}/"), Timeout = TimeSpan.FromMinutes(10) };
            var seeding = Stopwatch.StartNew();
            await SeedTracesAsync(http, new Uri($"http://127.0.0.1:{otlp}"), traceTarget, ct);
            await ReplayAsync(replay, new Uri($"http://127.0.0.1:{otlp}"), ct);
            var ids = await SeedCandidatesAsync(app, http, candidateCount, ct);
            await AcceptAsync(http, ids.Take(caseCount).ToList(), ct);
            await WaitForTracesCompletedAsync(http, ct);
            AnsiConsole.MarkupLine($"seeded in {seeding.Elapsed.TotalSeconds:F0} s: {Markup.Escape(await CountsAsync(http, ct))}");
            await MeasureAsync(http, requests, ct);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    private static async Task SeedTracesAsync(HttpClient http, Uri otlp, int target, CancellationToken ct)
    {
        var profile = LoadProfiles.Get("content");
        while (await StoredTracesAsync(http, ct) < target)
        {
            var settings = new LoadgenSettings(otlp, "http", profile, profile.DefaultSpansPerRequest, 4, TimeSpan.FromSeconds(10), TimeSpan.Zero, null);
            await new LoadRunner(settings, TextWriter.Null, TextWriter.Null).RunAsync(ct);
            AnsiConsole.MarkupLine($"traces: {await StoredTracesAsync(http, ct):N0} of {target:N0} (loadgen, content profile, OTLP/HTTP)");
        }
    }

    private static async Task<long> StoredTracesAsync(HttpClient http, CancellationToken ct)
    {
        var stats = await http.GetFromJsonAsync<JsonObject>("api/traces/stats", ct);
        return (long)stats!["openTraces"]! + (long)stats["completedTraces"]!;
    }

    private static async Task ReplayAsync(string file, Uri otlp, CancellationToken ct)
    {
        if (!File.Exists(file)) throw new CommandFailedException($"{Path.GetFullPath(file)} not found: pass --replay FILE.otlp.jsonl (run from the repository root for the default).");
        using var client = new HttpClient { BaseAddress = otlp };
        foreach (var line in await File.ReadAllLinesAsync(file, ct))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            (await client.PostAsync("v1/traces", new StringContent(line, Encoding.UTF8, "application/json"), ct)).EnsureSuccessStatusCode();
        }
        AnsiConsole.MarkupLine($"replayed {Markup.Escape(file)}");
    }

    private static async Task<IReadOnlyList<string>> SeedCandidatesAsync(WebApplication app, HttpClient http, int count, CancellationToken ct)
    {
        var cases = Enumerable.Range(0, count).Select(BenchCandidate).ToList();
        var lines = string.Join('\n', cases.Select(EvalCaseJson.Serialize));
        var imported = await http.PostAsync("api/candidates/import", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"), ct);
        if (!imported.IsSuccessStatusCode) throw new CommandFailedException($"candidate import failed: {await imported.Content.ReadAsStringAsync(ct)}");
        // What mining's outbox publishes for a stored candidate, the case inside; curation queues it.
        var bus = app.Services.GetRequiredService<IBus>();
        var now = DateTimeOffset.UtcNow;
        foreach (var chunk in cases.Chunk(500))
            await bus.PublishBatch(chunk.Select(c => new EvalCandidateProposed
            {
                CandidateId = c.Id, TraceId = c.Provenance!.Sources![0].TraceId, Revision = 1, Merged = false, SupportCount = 1,
                Summary = c.Summary, Tags = c.Tags, At = now, Case = c,
            }), ct);
        var last = cases[^1].Id;
        var started = Stopwatch.StartNew();
        while (!await FetchedAsync(http, last, ct))
        {
            if (started.Elapsed > TimeSpan.FromMinutes(15)) throw new CommandFailedException("curation did not fetch the candidates within 15 minutes");
            await Task.Delay(500, ct);
        }
        AnsiConsole.MarkupLine($"candidates: {count:N0} imported into mining, proposed to curation and fetched in {started.Elapsed.TotalSeconds:F0} s");
        return cases.Select(c => c.Id).ToList();
    }

    /// <summary>True once curation has queued the candidate and read its content from mining (404 until it is queued).</summary>
    private static async Task<bool> FetchedAsync(HttpClient http, string candidateId, CancellationToken ct)
    {
        using var response = await http.GetAsync("api/review/" + candidateId, ct);
        return response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonObject>(ct))?["fetched"]?.GetValue<bool>() == true;
    }

    private static EvalCase BenchCandidate(int i)
    {
        string[] categories = ["tool_selection", "tool_arguments", "multi_step", "followup_quality", "instruction_following", "error_recovery"];
        var category = categories[i % categories.Length];
        return new EvalCase
        {
            Id = $"cand_bench{i:D6}",
            Summary = $"Change reservation R{i:D5} to economy without asking for the id again → expects update_reservation [{category}]",
            Input = new CaseInput
            {
                SystemInstructions = "You are an airline agent. Follow the policy.",
                Messages = [new CaseMessage("user", $"Please change reservation R{i:D5} to economy."), new CaseMessage("assistant", "Which reservation?"),
                    new CaseMessage("user", $"R{i:D5}, I already said it.")],
            },
            Expected = new CaseExpectation { Correction = $"R{i:D5}, I already said it.", Behaviour = "Update the reservation without asking again." },
            Graders = [Grader.ToolCalled("update_reservation"), Grader.NoClarifyingQuestion()],
            Tags = [category],
            Provenance = new CaseProvenance([new CaseSource($"{i + 1:x32}", 1, null, null, "user_correction")], CreatedAt: DateTimeOffset.UtcNow),
            Agent = "bench-agent",
        };
    }

    private static async Task AcceptAsync(HttpClient http, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var response = await http.PostAsJsonAsync("api/review/bulk", new { action = "accept", candidateIds = ids }, ct);
        if (!response.IsSuccessStatusCode) throw new CommandFailedException($"bulk accept failed: {await response.Content.ReadAsStringAsync(ct)}");
        AnsiConsole.MarkupLine($"cases: {ids.Count:N0} accepted in one bulk action ({started.Elapsed.TotalSeconds:F1} s)");
    }

    private static async Task WaitForTracesCompletedAsync(HttpClient http, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        while ((long)(await http.GetFromJsonAsync<JsonObject>("api/traces/stats", ct))!["openTraces"]! > 0 && started.Elapsed < TimeSpan.FromMinutes(10))
            await Task.Delay(1000, ct);
        (await http.PostAsync("api/clusters/recluster", null, ct)).EnsureSuccessStatusCode();
    }

    private static async Task<string> CountsAsync(HttpClient http, CancellationToken ct)
    {
        var stats = await http.GetFromJsonAsync<JsonObject>("api/traces/stats", ct);
        var review = await http.GetFromJsonAsync<JsonObject>("api/review?limit=1", ct);
        var evals = await http.GetFromJsonAsync<JsonObject>("api/evals?limit=100000", ct);
        return $"traces={(long)stats!["completedTraces"]! + (long)stats["openTraces"]!} queue={review!["counts"]!.ToJsonString()} cases={evals!["count"]}";
    }

    private static async Task MeasureAsync(HttpClient http, int requests, CancellationToken ct)
    {
        var cluster = (string?)(await http.GetFromJsonAsync<JsonObject>("api/clusters?limit=1", ct))!["clusters"]!.AsArray().FirstOrDefault()?["id"];
        var trace = (string?)(await http.GetFromJsonAsync<JsonObject>("api/traces?signal=user_correction&limit=1", ct))!["traces"]!.AsArray().FirstOrDefault()?["traceId"];
        var evalCase = (string?)(await http.GetFromJsonAsync<JsonObject>("api/evals?limit=1", ct))!["cases"]!.AsArray().FirstOrDefault()?["id"];
        string[] pages = ["/", "/clusters", $"/clusters/{cluster}", "/traces", "/traces?signal=user_correction", $"/traces/{trace}",
            "/review", "/candidates/cand_bench000000", "/evals", $"/evals/{evalCase}", "/audit"];
        var table = new Table().AddColumns("page", "status", "p50 ms", "p95 ms", "max ms", "KiB");
        foreach (var page in pages)
        {
            var samples = new List<double>();
            var status = 0;
            long bytes = 0;
            for (var i = 0; i <= requests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(page, ct);
                var body = await response.Content.ReadAsByteArrayAsync(ct);
                if (i == 0) continue; // warm-up
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                status = (int)response.StatusCode;
                bytes = body.Length;
            }
            samples.Sort();
            table.AddRow(Markup.Escape(page), status.ToString(), $"{Percentile(samples, 0.50):F1}", $"{Percentile(samples, 0.95):F1}",
                $"{samples[^1]:F1}", $"{bytes / 1024.0:F0}");
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{requests} requests per page after one warm-up, sequential, full response over loopback (HttpClient)");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
