using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.EvalRuns;
using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Models.Simulated;
using BetterHarness.Optimizer.Domain.Agents;
using BetterHarness.Optimizer.EvalRuns;
using BetterHarness.Models;
using BetterHarness.Optimizer.EvalRuns.Models;
using BetterHarness.Tools.Load;
using BetterHarness.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace BetterHarness.Benchmarks;

/// <summary>
/// <c>bh evals bench</c>: the eval runner's own figures. (1) The simulated model on N synthetic cases × k trials:
/// throughput, and runner overhead per (case, trial) outside model time. (2) A local OpenAI-compatible server with
/// fixed latency that answers 429 / 500 at random: throughput at the configured concurrency, and a check that
/// every answered request is counted exactly once and every (case, trial) has exactly one result.
/// </summary>
public static class EvalsBench
{
    public static Command Create()
    {
        var cases = new Option<int>("--cases") { DefaultValueFactory = _ => 1000, Description = "Synthetic cases." };
        var trials = new Option<int>("--trials") { DefaultValueFactory = _ => 3, Description = "Trials per case." };
        var latency = new Option<int>("--latency-ms") { DefaultValueFactory = _ => 200, Description = "Test server latency per request." };
        var concurrency = new Option<int>("--concurrency") { DefaultValueFactory = _ => 16, Description = "MaxConcurrency of the test endpoint." };
        var errorRate = new Option<double>("--error-rate") { DefaultValueFactory = _ => 0.1, Description = "Share of requests answered 429 or 500." };
        var serverCases = new Option<int>("--server-cases") { DefaultValueFactory = _ => 200, Description = "Cases run against the test server." };
        var command = new Command("bench", "Measure the eval runner (simulated model, and a local OpenAI-compatible server).")
            { cases, trials, latency, concurrency, errorRate, serverCases };
        command.SetAction(async (r, ct) =>
        {
            var all = Cases(r.GetValue(cases));
            await SimulatedAsync(all, r.GetValue(trials), ct);
            return await ServerAsync(all.Take(r.GetValue(serverCases)).ToList(), r.GetValue(trials), r.GetValue(latency), r.GetValue(concurrency), r.GetValue(errorRate), ct);
        });
        return command;
    }

    private static readonly HarnessDocument Harness = new()
    {
        Instructions = "You are an airline agent.\nWhen a customer with travel insurance wants to cancel and get a refund, transfer them to a human agent.\nNever ask the user again for details they already gave.",
        Tools = new[] { "get_reservation_details", "cancel_reservation", "transfer_to_human_agents", "search_direct_flight" }.Select(n => new ToolDefinition
        {
            Name = n, Description = n.Replace('_', ' ') + " for the user.", Parameters = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone(),
        }).ToList(),
    };

    private static List<EvalCase> Cases(int n) => Enumerable.Range(0, n).Select(i => new EvalCase
    {
        Id = $"bench_{i:D5}",
        Category = (i % 3) switch { 0 => "tool_selection", 1 => "followup_quality", _ => "multi_step" },
        Input = new CaseInput { Messages = [new CaseMessage("user", $"Hi, I am user u_{i:D5}. I want to cancel reservation R{i:D5} on flight HAT{i % 300:D3}; I have insurance number {i * 7919 % 100000}.")] },
        Tools = new CaseTools { Recorded = [new RecordedResponse($"get_reservation_details {{\"reservation_id\":\"R{i:D5}\"}}", "get_reservation_details", $"{{\"reservation_id\":\"R{i:D5}\"}}", "{\"status\":\"ok\"}")] },
        Expected = new CaseExpectation
        {
            Correction = $"I told you, reservation R{i:D5} has insurance.", Behaviour = "Act on the user's intent: call transfer_to_human_agents.",
            ToolCalls = [new CaseToolCall("get_reservation_details", new JsonObject { ["reservation_id"] = $"R{i:D5}" }), new CaseToolCall("transfer_to_human_agents", new JsonObject { ["summary"] = "refund" })],
        },
        Graders = [Grader.ToolCalled("transfer_to_human_agents"), Grader.ToolNotCalled("cancel_reservation"), Grader.ToolOrder("get_reservation_details", "transfer_to_human_agents")],
    }).ToList();

    private static async Task SimulatedAsync(IReadOnlyList<EvalCase> cases, int trials, CancellationToken ct)
    {
        using var embedder = new MiniLmEmbedder();
        var model = new ChatAgentRunner("simulated", new SimulatedChatClient(embedder), simulated: true);
        foreach (var pass in new[] { "cold (embeds every case text)", "warm (embeddings cached)" })
        {
            var started = Stopwatch.GetTimestamp();
            var result = await EvalRunner.EvaluateAsync(Harness, cases, trials, model, new EvalOptions { MaxParallel = Environment.ProcessorCount }, ct);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var all = result.Cases.SelectMany(c => c.Trials).ToList();
            var overhead = all.Average(t => t.Transcript.DurationMs - t.Transcript.ModelMs);
            AnsiConsole.MarkupLine($"simulated, {pass}: {cases.Count} cases × {trials} trials = {all.Count} in {seconds:F1} s → [bold]{all.Count / seconds:F0} trials/s[/]; " +
                                   $"runner overhead {overhead * 1000:F0} µs per (case, trial) outside model time; pass rate {result.PassRate:P1}");
        }
    }

    private static async Task<int> ServerAsync(IReadOnlyList<EvalCase> cases, int trials, int latencyMs, int concurrency, double errorRate, CancellationToken ct)
    {
        await using var server = await LocalChatServer.StartAsync(Agent, latencyMs, errorRate, record: false, ct);
        var model = new ModelOptions { Kind = "openai", BaseUrl = server.BaseUrl.ToString(), Model = "bench", MaxConcurrency = concurrency, MaxRetries = 10 };
        var services = new ServiceCollection();
        services.AddLogging();
        ModelRegistration.AddModelHttpClient(services, "bench", model);
        services.AddSingleton<OpenAiChatClients>();
        services.AddSingleton<ITextEmbedder, MiniLmEmbedder>();
        services.AddSingleton(Options.Create(new ModelCatalogOptions { Models = new(StringComparer.OrdinalIgnoreCase) { ["bench"] = model } }));
        services.AddSingleton<ModelCatalog>();
        await using var provider = services.BuildServiceProvider();
        var runner = provider.GetRequiredService<ModelCatalog>().Runner("bench");

        var started = Stopwatch.GetTimestamp();
        var result = await EvalRunner.EvaluateAsync(Harness, cases, trials, runner, new EvalOptions { MaxParallel = concurrency * 2 }, ct);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = result.Cases.SelectMany(c => c.Trials).ToList();
        var steps = all.Sum(t => t.Transcript.Steps);
        var tokens = all.Sum(t => t.Transcript.InputTokens);
        var pairs = all.Select(t => (t.CaseId, t.Trial)).Distinct().Count();
        var errors = all.Count(t => t.Transcript.Error is not null);
        AnsiConsole.MarkupLine($"OpenAI-compatible test server, {latencyMs} ms latency, {errorRate:P0} answered 429/500, MaxConcurrency {concurrency}: " +
                               $"{all.Count} trials ({steps} model calls) in {seconds:F1} s → [bold]{all.Count / seconds:F1} trials/s, {steps / seconds:F1} calls/s[/] " +
                               $"(ideal {concurrency * 1000.0 / latencyMs:F0} calls/s); server answered {server.Answered} OK, {server.Refused} refused, max in flight {server.MaxInFlight}");
        var ok = server.Answered == steps && server.PromptTokens == tokens && pairs == cases.Count * trials && all.Count == pairs && errors == 0;
        AnsiConsole.MarkupLine(ok
            ? $"[green]exact:[/] {steps} answered = {steps} counted, {tokens} input tokens served = counted, {pairs} (case, trial) pairs each once, 0 errors"
            : $"[red]MISMATCH:[/] answered {server.Answered} vs counted {steps}; tokens {server.PromptTokens} vs {tokens}; pairs {pairs}/{cases.Count * trials}; errors {errors}");
        return ok ? 0 : 1;
    }

    /// <summary>A tool call, then after its result another, then a text answer.</summary>
    private static ChatReply Agent(JsonObject body) => body["messages"]!.AsArray().Count(m => (string?)m!["role"] == "tool") switch
    {
        0 => new ChatReply(null, [("get_reservation_details", "{\"reservation_id\":\"R00001\"}")]),
        1 => new ChatReply(null, [("transfer_to_human_agents", "{\"summary\":\"refund\"}")]),
        _ => new ChatReply("Transferred."),
    };
}
