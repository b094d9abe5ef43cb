using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.Tools.Load;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Optimizer.Tests.Optimization.Service;

/// <summary>
/// <c>model: "NAME"</c> on an optimisation resolves like an eval run's: through the model catalog
/// (<c>BetterHarness:Models:NAME</c>), here a Kind=openai model at a local Chat Completions server that also
/// serves the proposer (named the same way, with structured output).
/// </summary>
public sealed class ConfiguredModelTests
{
    [Fact]
    public async Task A_named_openai_model_evaluates_and_proposes_through_the_catalog()
    {
        var change = JsonSerializer.Serialize(new
        {
            changes = new[] { new { kind = "add_instruction", target = "", text = "When the user wants a refund for a cancelled trip, transfer them to a human agent.", rationale = "refund cases" } },
        });
        await using var server = await LocalChatServer.StartAsync(body => new ChatReply(body["response_format"] is null ? "I have looked into your request." : change));
        var settings = new Dictionary<string, string?>
        {
            ["BetterHarness:Models:gpt-test:Kind"] = "openai",
            ["BetterHarness:Models:gpt-test:BaseUrl"] = server.BaseUrl.ToString(),
            ["BetterHarness:Models:gpt-test:Model"] = "gpt-4o-test",
            ["BetterHarness:Models:gpt-test:MaxRetries"] = "0",
            ["BetterHarness:Optimization:ProposerModel"] = "gpt-test",
        };
        var fixture = Fixture.Airline();
        await using var host = await OptimizerHost.StartAsync(fixture, settings, configuredModels: true);
        using var http = host.Client();

        var unknown = await http.PostAsJsonAsync("/api/optimizations", new { agent = "airline", model = "nobody-configured-this" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var id = await OptimizationApiTests.Start(http, new { agent = "airline", maxIterations = 1, trials = 1, model = "gpt-test" });
        var run = await host.WaitForStatusAsync(http, id, "awaiting_review", "failed");

        Assert.True((string?)run["status"] == "awaiting_review", run.ToJsonString());
        Assert.False((bool)run["report"]!["simulated"]!);
        Assert.Equal("model:gpt-4o-test", (string?)run["report"]!["proposer"]);
        var requests = server.Requests.ToList();
        Assert.All(requests, r => Assert.Equal("gpt-4o-test", (string?)r["model"]));
        var agentCalls = requests.Where(r => r["response_format"] is null).ToList();
        Assert.True(agentCalls.Count >= fixture.Cases.Count, $"{agentCalls.Count} agent calls for {fixture.Cases.Count} cases");
        Assert.Contains(agentCalls, r => r["messages"]![0]!["content"]!.ToJsonString().Contains("airline", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(requests, r => (string?)r["response_format"]?["type"] == "json_schema");
        Assert.Contains(agentCalls, r => r["messages"]![0]!["content"]!.ToJsonString().Contains("transfer them to a human agent", StringComparison.Ordinal));
        // No judge model: every case's llm_judge grader went ungraded, and the report says decisions used deterministic graders only.
        var graders = run["report"]!["graders"]!;
        Assert.Equal(fixture.Cases.Count, (int)graders["ungraded"]!);
        Assert.True((bool)graders["deterministicOnly"]!);
        Assert.Null(graders["judgeModel"]);
    }

    [Fact]
    public async Task With_a_judge_model_configured_llm_judge_graders_are_graded_in_optimisations_as_in_eval_runs()
    {
        var judged = 0;
        await using var server = await LocalChatServer.StartAsync(body =>
        {
            if (!body.ToJsonString().Contains("You grade an AI agent", StringComparison.Ordinal)) return new ChatReply("I have looked into your request.");
            Interlocked.Increment(ref judged);
            return new ChatReply(JsonSerializer.Serialize(new { pass = false, reason = "it never transferred the user" }));
        });
        var settings = new Dictionary<string, string?>
        {
            ["BetterHarness:Models:gpt-test:Kind"] = "openai",
            ["BetterHarness:Models:gpt-test:BaseUrl"] = server.BaseUrl.ToString(),
            ["BetterHarness:Models:gpt-test:Model"] = "gpt-4o-test",
            ["BetterHarness:Models:gpt-test:MaxRetries"] = "0",
            ["BetterHarness:EvalRuns:JudgeModel"] = "gpt-test",
        };
        var fixture = Fixture.Airline();
        await using var host = await OptimizerHost.StartAsync(fixture, settings, configuredModels: true);
        using var http = host.Client();

        var id = await OptimizationApiTests.Start(http, new { agent = "airline", maxIterations = 0, trials = 1, model = "gpt-test" });
        var run = await host.WaitForStatusAsync(http, id, "awaiting_review", "failed");

        Assert.True((string?)run["status"] == "awaiting_review", run.ToJsonString());
        var graders = run["report"]!["graders"]!;
        Assert.Equal(0, (int)graders["ungraded"]!);
        Assert.False((bool)graders["deterministicOnly"]!);
        Assert.Equal("gpt-test", (string?)graders["judgeModel"]);
        Assert.Equal(fixture.Cases.Count, judged);
        var md = await http.GetStringAsync($"/api/optimizations/{id}/report.md");
        Assert.Contains("llm_judge graders by gpt-test", md);
    }

    [Fact]
    public async Task A_model_is_labelled_simulated_by_its_kind_not_by_its_name()
    {
        var settings = new Dictionary<string, string?>
        {
            ["BetterHarness:Models:gpt-4o:Kind"] = "simulated",
            ["BetterHarness:Models:simulated-looking:Kind"] = "openai",
            ["BetterHarness:Models:simulated-looking:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["BetterHarness:Models:simulated-looking:Model"] = "real-model",
        };
        await using var host = await OptimizerHost.StartAsync(Fixture.Airline(), settings, configuredModels: true);
        var models = host.Services.GetRequiredService<BetterHarness.Optimizer.Optimization.Ports.IEvaluatorFactory>();

        Assert.True(models.IsSimulated("gpt-4o"));
        Assert.False(models.IsSimulated("simulated-looking"));
        Assert.True(models.IsSimulated("simulated"));
        using var http = host.Client();
        var id = await OptimizationApiTests.Start(http, new { agent = "airline", maxIterations = 0, trials = 1, model = "gpt-4o" });
        Assert.True((bool)(await http.GetFromJsonAsync<JsonObject>($"/api/optimizations/{id}"))!["simulated"]!);
    }
}
