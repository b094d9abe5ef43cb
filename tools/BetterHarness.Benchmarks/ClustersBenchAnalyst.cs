using System.CommandLine;
using BetterHarness.Clustering.Analyst;
using BetterHarness.Clustering.Domain.Signatures;
using BetterHarness.Clustering.Storage;
using BetterHarness.Models;
using BetterHarness.Tools.Commands;
using BetterHarness.Tools.Load;
using Spectre.Console;

namespace BetterHarness.Benchmarks;

/// <summary>
/// <c>bh clusters bench analyst [--failures 2000] [--latency-ms 100]</c>: the LLM failure analyst against a local Chat
/// Completions server (no LLM endpoint is reachable here) over a real socket, through the same OpenAI client, retries and
/// SQLite store as the service: calls per second, the analyst's own cost per call beyond the server's latency, and an idle
/// pass once everything is answered (what a restart costs: no call).
/// </summary>
public static class ClustersBenchAnalyst
{
    public static Command Create()
    {
        var count = new Option<int>("--failures") { Description = "Synthetic failures.", DefaultValueFactory = _ => 2000 };
        var latency = new Option<int>("--latency-ms") { Description = "The local model server's delay per answer.", DefaultValueFactory = _ => 100 };
        var command = new Command("analyst", "Benchmark the LLM failure analyst against a local Chat Completions server.") { count, latency };
        command.SetAction((r, ct) => RunAsync(r.GetValue(count), r.GetValue(latency), ct));
        return command;
    }

    private static async Task<int> RunAsync(int count, int latencyMs, CancellationToken ct)
    {
        // Redirected output would wrap the table at 80 columns.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 150);
        var dir = Path.Combine(Path.GetTempPath(), "bh-analyst-bench-" + Guid.NewGuid().ToString("N"));
        var db = ClusteringDatabase.Open(dir);
        var distinct = Seed(db, count);
        // Answers differ by prompt length, so distinct signatures get distinct statements.
        await using var server = await LocalChatServer.StartAsync(body => new ChatReply(
            $"The agent kept going after a failed tool call instead of telling the user (case {body.ToJsonString().Length % 97}).") { CompletionTokens = 20 },
            latencyMs, record: false, ct: ct);
        var model = new ModelOptions { Kind = "openai", BaseUrl = server.BaseUrl.ToString(), Model = "bench", MaxRetries = 2 };
        var (chat, provider) = AnalystWorkbench.Chat("bench", model);
        await using var owned = provider;
        var options = new AnalystOptions { Model = "bench", BatchSize = 100, MaxTokensPerDay = long.MaxValue / 2 };

        var (seconds, calls, _) = await AnalystWorkbench.PassesAsync(AnalystWorkbench.Analyst(db, chat, options), ct);
        var (idle, again, _) = await AnalystWorkbench.PassesAsync(AnalystWorkbench.Analyst(db, chat, options), ct);
        var (answers, analysed, failures) = new AnalysisStore(db).Counts("bench");
        var table = new Table().AddColumns("step", "failures", "calls", "seconds", "per second", "note");
        table.AddRow("analyse every failure", $"{failures:N0}", $"{calls:N0}", $"{seconds:F1}", $"{calls / seconds:F1} calls",
            $"{distinct:N0} distinct signatures, {answers:N0} answers, {analysed:N0} failures analysed; " +
            $"{seconds * 1000 / Math.Max(1, calls) - latencyMs:F1} ms per call beyond the server's {latencyMs} ms");
        table.AddRow("restart: idle pass", $"{failures:N0}", $"{again:N0}", $"{idle:F3}", "", "everything answered and stored: no call");
        AnsiConsole.Write(table);
        Directory.Delete(dir, recursive: true);
        return 0;
    }

    private static int Seed(ClusteringDatabase db, int count)
    {
        var synthetic = new ClustersBenchSynthetic(seed: 42);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var built = Enumerable.Range(0, count).Select(i => synthetic.Next(start.AddMilliseconds(i)).Digest)
            .Select(d => (Digest: d, Signature: SignatureBuilder.Build(d))).ToList();
        AnalystWorkbench.Seed(db, built);
        return built.Select(b => b.Signature.Hash).Distinct().Count();
    }
}
