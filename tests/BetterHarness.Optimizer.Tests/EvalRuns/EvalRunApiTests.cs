using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Optimizer.Tests.Support;

namespace BetterHarness.Optimizer.Tests.EvalRuns;

[Collection(EmbedderCollection.Name)]
public sealed class EvalRunApiTests
{
    private const string InsuranceRule = "When a customer with travel insurance wants to cancel and get a refund, transfer them to a human agent.";

    [Fact]
    public async Task A_run_reports_pass_rates_per_case_split_category_and_cluster_with_graders_and_transcripts_and_compares_with_another()
    {
        await using var host = await EvalRunsHost.StartAsync(AirlineFixture.All);
        var v1 = await host.CreateHarnessAsync(AirlineFixture.BaseInstructions);
        var v2 = await host.CreateHarnessAsync(AirlineFixture.BaseInstructions + "\n" + InsuranceRule);

        var a = await host.StartRunAsync(new { agent = "airline", version = v1, model = "simulated", trials = 2 });
        var b = await host.StartRunAsync(new { agent = "airline", version = v2, model = "simulated", trials = 2 });
        var runA = await host.WaitForRunAsync(a);
        var runB = await host.WaitForRunAsync(b);

        Assert.Equal("completed", (string)runB["status"]!);
        Assert.True((bool)runB["simulated"]!);
        Assert.Equal("simulated", (string)runB["model"]!);
        Assert.Equal(0.0, (double)runA["passRate"]!);
        Assert.Equal(4 / 7.0, (double)runB["passRate"]!, 6);
        Assert.Equal(1.0, (double)runB["byCategory"]!["tool_selection"]!["passRate"]!);
        Assert.Equal(0.0, (double)runB["byCategory"]!["followup_quality"]!["passRate"]!);
        Assert.Equal(1.0, (double)runB["byCluster"]!["fc-insurance"]!["passRate"]!);
        Assert.Equal(7, (int)runB["bySplit"]!["optimization"]!["cases"]!);
        Assert.True((long)runB["tokens"]!["total"]! > 0);

        var cases = runB["cases"]!.AsArray();
        Assert.Equal(7, cases.Count);
        var t1 = cases.Single(c => (string)c!["caseId"]! == "t1")!;
        Assert.Equal("tool_selection", (string)t1["category"]!);
        var trial = t1["trials"]![0]!;
        Assert.True((bool)trial["passed"]!);
        Assert.Equal(["tool_called", "tool_not_called"], trial["graders"]!.AsArray().Select(g => (string)g!["type"]!));
        var transcript = (await host.Api.GetFromJsonAsync<JsonObject>($"/api/evalruns/transcripts/{(string)trial["transcriptId"]!}"))!;
        Assert.Contains("transfer_to_human_agents", transcript["transcript"]!.ToJsonString());

        var compare = (await host.Api.GetFromJsonAsync<JsonObject>($"/api/evalruns/compare?a={a}&b={b}&caseId=t1"))!;
        Assert.Equal(4, compare["cases"]!.AsArray().Count(c => (string)c!["outcome"]! == "win"));
        Assert.Equal(3, compare["cases"]!.AsArray().Count(c => (string)c!["outcome"]! == "tie"));
        Assert.Equal(4 / 7.0, (double)compare["difference"]!, 6);
        Assert.Equal(1.0, (double)compare["byCategory"]!["tool_selection"]!["delta"]!);
        Assert.Equal(2, compare["ci95"]!.AsArray().Count);
        Assert.InRange((double)compare["pValue"]!, 0, 0.1);
        Assert.NotNull(compare["sideBySide"]![0]!["a"]);
        Assert.NotNull(compare["sideBySide"]![0]!["b"]);
    }

    [Fact]
    public async Task A_filter_selects_cases_and_bad_requests_are_refused_with_the_reason()
    {
        await using var host = await EvalRunsHost.StartAsync(AirlineFixture.All);
        await host.CreateHarnessAsync(AirlineFixture.BaseInstructions);
        var id = await host.StartRunAsync(new { agent = "airline", category = "followup_quality", trials = 1 });
        var run = await host.WaitForRunAsync(id);
        Assert.Equal(["q1", "q2", "q3"], run["cases"]!.AsArray().Select(c => (string)c!["caseId"]!));

        var unknownModel = await host.Api.PostAsJsonAsync("/api/evalruns", new { agent = "airline", model = "gpt-nothing" });
        Assert.Contains("not configured", await unknownModel.Content.ReadAsStringAsync());
        var noHarness = await host.Api.PostAsJsonAsync("/api/evalruns", new { agent = "nobody" });
        Assert.Contains("no current harness", await noHarness.Content.ReadAsStringAsync());

        var empty = await host.StartRunAsync(new { agent = "airline", caseIds = new[] { "missing" } });
        var failed = await host.WaitForRunAsync(empty);
        Assert.Equal("failed", (string)failed["status"]!);
        Assert.Contains("no eval case", (string)failed["error"]!);
    }

    [Fact]
    public async Task A_run_interrupted_by_a_restart_resumes_without_redoing_finished_trials()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "bh-test-" + Guid.NewGuid().ToString("N"));
        await using var curation = await EvalRunsHost.Curation(AirlineFixture.All);
        var slow = new Dictionary<string, string?> { ["BetterHarness:Models:simulated:Latency"] = "00:00:00.150", ["BetterHarness:EvalRuns:MaxParallelTrials"] = "1" };
        string id;
        JsonArray before;
        await using (var first = await EvalRunsHost.StartAsync(AirlineFixture.All, slow, dataDir, curation))
        {
            await first.CreateHarnessAsync(AirlineFixture.BaseInstructions + "\n" + InsuranceRule);
            id = await first.StartRunAsync(new { agent = "airline", trials = 3 });
            var deadline = DateTime.UtcNow.AddSeconds(30);
            JsonObject run;
            do
            {
                await Task.Delay(50);
                run = (await first.Api.GetFromJsonAsync<JsonObject>($"/api/evalruns/{id}"))!;
            } while ((int)run["progress"]!["completedTrials"]! < 4 && DateTime.UtcNow < deadline);
            Assert.Equal("running", (string)run["status"]!);
            before = run["cases"]!.AsArray();
        }

        await using var second = await EvalRunsHost.StartAsync(AirlineFixture.All, null, dataDir, curation);
        var done = await second.WaitForRunAsync(id);
        Assert.Equal("completed", (string)done["status"]!);
        Assert.Equal(21, (int)done["progress"]!["completedTrials"]!);
        Assert.All(done["cases"]!.AsArray(), c => Assert.Equal([0, 1, 2], c!["trials"]!.AsArray().Select(t => (int)t!["trial"]!)));
        // Trials finished before the restart are the same results, not re-runs (their durations include the old latency).
        foreach (var c in before)
            foreach (var t in c!["trials"]!.AsArray())
            {
                var after = done["cases"]!.AsArray().Single(x => (string)x!["caseId"]! == (string)c["caseId"]!)!["trials"]!.AsArray()
                    .Single(x => (int)x!["trial"]! == (int)t!["trial"]!)!;
                Assert.Equal((double)t!["durationMs"]!, (double)after["durationMs"]!);
            }
    }
}
