using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Contracts;

namespace BetterHarness.Optimizer.Tests.Optimization.Service;

public sealed class OptimizationApiTests
{
    [Fact]
    public async Task A_run_started_over_the_api_ends_awaiting_review_with_the_report_in_the_published_shape()
    {
        await using var host = await OptimizerHost.StartAsync(Fixture.Airline());
        using var http = host.Client();

        var started = await http.PostAsJsonAsync("/api/optimizations", new { agent = "airline", maxIterations = 3, trials = 3, model = "simulated" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var run = await host.WaitForStatusAsync(http, id, "awaiting_review", "failed");

        Assert.Equal("awaiting_review", (string?)run["status"]);
        var report = run["report"]!.AsObject();
        Assert.Equal("awaiting_review", (string?)report["status"]);
        Assert.True((bool)report["simulated"]!);
        foreach (var version in new[] { "baseline", "final" })
        {
            foreach (var split in new[] { "optimization", "holdout" })
            {
                var score = report[version]![split]!;
                Assert.NotNull((double?)score["passRate"]);
                var c = score["cases"]!.AsArray()[0]!;
                Assert.All(new[] { "caseId", "passRate", "category", "mustPass" }, f => Assert.NotNull(c[f]));
            }
            Assert.NotNull(report[version]!["byCategory"]);
        }
        Assert.True((double)report["final"]!["optimization"]!["passRate"]! > (double)report["baseline"]!["optimization"]!["passRate"]!);
        var iteration = report["iterations"]!.AsArray()[0]!.AsObject();
        foreach (var field in new[] { "change", "accepted", "reason", "gained", "regressed", "mustPassRegressed", "lintFlags", "optimizationPassRate", "holdoutPassRate", "pValue", "ci95" })
            Assert.True(iteration.ContainsKey(field), field);
        Assert.All(new[] { "kind", "target", "text", "rationale" }, f => Assert.NotNull(iteration["change"]![f]));
        Assert.Equal(2, (int)report["harnessVersion"]!);
        Assert.Equal(2, (int)run["harnessVersion"]!);

        var finished = await host.Probe().WaitForAsync<OptimizationFinished>(f => f.OptimizationId == id);
        Assert.Equal("awaiting_review", finished.Status);
        Assert.Contains(host.Probe().Messages.OfType<OptimizationProgressed>(), p => p.OptimizationId == id && p.Stage == "baseline");
        var markdown = await http.GetStringAsync($"/api/optimizations/{id}/report.md");
        Assert.Contains("Simulated model", markdown);
        Assert.Contains("## Iterations", markdown);
    }

    [Fact]
    public async Task Lists_runs_newest_first_and_refuses_bad_requests_with_a_reason()
    {
        await using var host = await OptimizerHost.StartAsync(Fixture.Airline());
        using var http = host.Client();
        var first = await Start(http, new { agent = "airline", maxIterations = 0 });
        var second = await Start(http, new { agent = "airline", maxIterations = 0 });

        var list = (await http.GetFromJsonAsync<JsonObject>("/api/optimizations"))!["optimizations"]!.AsArray();

        Assert.Equal([second, first], list.Select(r => (string)r!["id"]!).Take(2));
        Assert.All(list, r => Assert.All(new[] { "id", "agent", "status", "createdAt" }, f => Assert.NotNull(r![f])));
        await AssertBadRequest(http, new { }, "'agent' is required");
        await AssertBadRequest(http, new { agent = "airline", model = "gpt-imaginary" }, "unknown model 'gpt-imaginary'");
        await AssertBadRequest(http, new { agent = "airline", trials = 0 }, "'trials' must be between 1 and 20");
        await AssertBadRequest(http, new { agent = "airline", maxIterations = 1000 }, "'maxIterations' must be between 0 and 100");
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/optimizations/opt_nope")).StatusCode);
    }

    [Fact]
    public async Task A_run_for_an_agent_without_a_harness_fails_and_says_how_to_get_one()
    {
        await using var host = await OptimizerHost.StartAsync(Fixture.Airline());
        using var http = host.Client();

        var id = await Start(http, new { agent = "nobody" });
        var run = await host.WaitForStatusAsync(http, id, "failed", "awaiting_review");

        Assert.Equal("failed", (string?)run["status"]);
        Assert.Contains("has no current harness", (string?)run["error"]);
    }

    internal static async Task<string> Start(HttpClient http, object body)
    {
        var response = await http.PostAsJsonAsync("/api/optimizations", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static async Task AssertBadRequest(HttpClient http, object body, string error)
    {
        var response = await http.PostAsJsonAsync("/api/optimizations", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(error, (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]);
    }
}
