using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using BetterHarness.Tools.Load;
using Spectre.Console;

namespace BetterHarness.Tools.Commands;

/// <summary>
/// <c>bh clusters bench latency</c>: completion → cluster assignment latency in a running pipeline. Sends seed
/// failures, re-clusters, then sends failing traces at a steady rate over OTLP/HTTP and reads the server's own
/// measurement (<c>GET /api/clusters/stats</c>: assigned time − ingest completion time, online assignments).
/// </summary>
public static class ClustersBenchLatency
{
    public static Command Create()
    {
        var endpoint = new Option<string>("--endpoint") { Description = "OTLP/HTTP base address.", DefaultValueFactory = _ => "http://127.0.0.1:4318" };
        var api = new Option<string>("--api") { Description = "API base address.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var traces = new Option<int>("--traces") { Description = "Measured failing traces.", DefaultValueFactory = _ => 2000 };
        var rate = new Option<int>("--rate") { Description = "Traces per second.", DefaultValueFactory = _ => 50 };
        var command = new Command("latency", "Measure completion → cluster assignment latency against a running server.") { endpoint, api, traces, rate };
        command.SetAction((r, ct) => RunAsync(HttpClients.ParseBase(r.GetValue(endpoint)!, "--endpoint"),
            HttpClients.ParseBase(r.GetValue(api)!, "--api"), r.GetValue(traces), r.GetValue(rate), ct));
        return command;
    }

    private static async Task<int> RunAsync(Uri endpoint, Uri apiBase, int count, int rate, CancellationToken ct)
    {
        using var otlp = HttpClients.Create(endpoint, null, 8, TimeSpan.FromSeconds(30));
        using var http = HttpClients.Create(apiBase, null, 2, TimeSpan.FromMinutes(5));
        var api = new ClustersApi(http);
        var synthetic = new ClustersBenchSynthetic(seed: 7);
        var baseline = await FailuresAsync(api, ct);
        await SendAsync(otlp, synthetic, 500, rate: 200, ct);
        await WaitForAsync(api, baseline + 500, ct);
        await api.ReclusterAsync(null, false, ct);

        var clock = Stopwatch.StartNew();
        var measuredFrom = DateTimeOffset.UtcNow;
        await SendAsync(otlp, synthetic, count, rate, ct);
        await WaitForAsync(api, baseline + 500 + count, ct);
        // Only the measured traces: the seed ones queued behind the first model load and re-clustering.
        var stats = (await api.GetJsonAsync("api/clusters/stats?since=" + Uri.EscapeDataString(measuredFrom.ToString("O")), ct))!["stats"]!;
        AnsiConsole.MarkupLine($"Sent {count:N0} failing traces at {rate}/s in {clock.Elapsed.TotalSeconds:F1} s.");
        AnsiConsole.MarkupLine($"completion → assignment over {(int?)stats["latencySample"]:N0} online assignments: " +
                               $"p50 {(double?)stats["latencyP50Ms"]:N0} ms, p99 {(double?)stats["latencyP99Ms"]:N0} ms, max {(double?)stats["latencyMaxMs"]:N0} ms; " +
                               $"{(long?)stats["unassigned"]:N0} unassigned (not close to any cluster).");
        return 0;
    }

    private static async Task SendAsync(HttpClient otlp, ClustersBenchSynthetic synthetic, int count, int rate, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)rate) - clock.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due, ct);
            using var content = new StringContent(Otlp(synthetic.Next(DateTimeOffset.UtcNow).Digest), Encoding.UTF8, "application/json");
            using var response = await otlp.PostAsync("v1/traces", content, ct);
            if (!response.IsSuccessStatusCode) throw new CommandFailedException($"OTLP endpoint answered {(int)response.StatusCode}.");
        }
    }

    private static async Task<long> FailuresAsync(ClustersApi api, CancellationToken ct) =>
        (long?)(await api.GetJsonAsync("api/clusters/stats", ct))?["stats"]?["failures"]
        ?? throw new CommandFailedException($"{api.BaseAddress} does not serve /api/clusters: is the clustering service running there?");

    private static async Task WaitForAsync(ClustersApi api, long failures, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (await FailuresAsync(api, ct) < failures)
        {
            if (DateTime.UtcNow > deadline) throw new CommandFailedException($"The server did not receive {failures:N0} failures within 5 minutes.");
            await Task.Delay(500, ct);
        }
        await Task.Delay(1000, ct); // the last batch's assignment follows its storing
    }

    /// <summary>One failing agent trace as OTLP/JSON: an invoke_agent root and a failed execute_tool child.</summary>
    private static string Otlp(BetterHarness.Contracts.TraceDigest d)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var root = Guid.NewGuid().ToString("N")[..16];
        var tool = d.ToolCalls[0];
        JsonObject Attr(string k, string v) => new() { ["key"] = k, ["value"] = new JsonObject { ["stringValue"] = v } };
        JsonObject Span(string id, string? parent, string name, JsonArray attrs, string? error) => new()
        {
            ["traceId"] = d.TraceId, ["spanId"] = id, ["parentSpanId"] = parent ?? "", ["name"] = name, ["kind"] = 1,
            ["startTimeUnixNano"] = (now - 2_000_000_000).ToString(), ["endTimeUnixNano"] = now.ToString(), ["attributes"] = attrs,
            ["status"] = error is null ? new JsonObject() : new JsonObject { ["code"] = 2, ["message"] = error },
        };
        var messages = $"[{{\"role\":\"user\",\"parts\":[{{\"type\":\"text\",\"content\":{System.Text.Json.JsonSerializer.Serialize(d.Messages[0].Content)}}}]}}]";
        var reply = $"[{{\"role\":\"assistant\",\"parts\":[{{\"type\":\"text\",\"content\":{System.Text.Json.JsonSerializer.Serialize(d.Messages[1].Content)}}}]}}]";
        var spans = new JsonArray(
            Span(root, null, "invoke_agent assistant", [Attr("gen_ai.operation.name", "invoke_agent"), Attr("gen_ai.agent.name", "assistant"),
                Attr("gen_ai.input.messages", messages), Attr("gen_ai.output.messages", reply)], null),
            Span(Guid.NewGuid().ToString("N")[..16], root, "execute_tool " + tool.Name,
                [Attr("gen_ai.operation.name", "execute_tool"), Attr("gen_ai.tool.name", tool.Name)], d.Signals[0].Evidence));
        return new JsonObject
        {
            ["resourceSpans"] = new JsonArray(new JsonObject
            {
                ["resource"] = new JsonObject { ["attributes"] = new JsonArray(Attr("service.name", d.ServiceName!)) },
                ["scopeSpans"] = new JsonArray(new JsonObject { ["scope"] = new JsonObject { ["name"] = "bench" }, ["spans"] = spans }),
            }),
        }.ToJsonString();
    }
}
