using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BetterHarness.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BetterHarness.Web.Tests.Pages;

/// <summary>
/// /harness, /runs, /runs/{id}, /runs/{id}/cases/{caseId} and /runs/compare in Chromium, on real eval runs (simulated
/// model) of real mined cases, with a harness derived from the replayed traces.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class HarnessAndRunPagesTests(UiHost ui)
{
    [Fact]
    public async Task Deriving_a_harness_for_an_agent_without_traces_says_why_nothing_was_derived()
    {
        await ui.EvalRunsAsync();
        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync("/harness");
        await page.Locator("form[action='/harness?handler=derive'] input[name=agent]").FillAsync("agent-with-no-traces");
        await page.GetByRole(AriaRole.Button, new() { Name = "Derive a version from its traces" }).ClickAsync();

        await Expect(page.Locator("p.notice.error")).ToContainTextAsync("No harness was derived for agent-with-no-traces");
        var agents = (await ui.Host.Api.GetFromJsonAsync<JsonObject>("/api/harnesses"))!["agents"]!.AsArray();
        Assert.DoesNotContain(agents, a => (string)a! == "agent-with-no-traces");
    }

    [Fact]
    public async Task Harness_page_shows_versions_with_their_diff_and_an_admin_makes_one_current()
    {
        var data = await ui.EvalRunsAsync();
        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync("/harness?agent=" + data.Agent);
        var rows = page.Locator("section[aria-labelledby=versions] table tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        // The author is whoever derived it (open mode: the local admin), never a name the request claims.
        await Expect(rows.Nth(1)).ToContainTextAsync("local-admin");
        await Expect(rows.Nth(1)).ToContainTextAsync("derived from");
        await Expect(rows.Nth(0)).ToContainTextAsync("v1"); // v2's parent
        await Expect(rows.Nth(0)).ToContainTextAsync("simulated · temperature default · at most 8 steps");

        await rows.Nth(0).Locator("a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("v=2$"));
        await Expect(page.Locator("pre.diff .ins").Filter(new() { HasText = EvalRunData.AddedRule })).ToHaveCountAsync(1);
        await Expect(page.Locator("pre.diff .ins").Filter(new() { HasText = "maxSteps: 8" })).ToHaveCountAsync(1);
        await Expect(page.Locator("pre.diff .del").Filter(new() { HasText = "maxSteps: 12" })).ToHaveCountAsync(1);
        // The long unchanged prompt is folded, so the edit is not buried.
        await Expect(page.Locator("pre.diff .skip").First).ToContainTextAsync("unchanged line(s)");

        await page.GetByRole(AriaRole.Button, new() { Name = "Make version 2 current" }).ClickAsync();
        await Expect(page.Locator("p.notice.ok")).ToContainTextAsync("Version 2 is now the current harness");
        await Expect(rows.Nth(0).Locator(".status-current")).ToHaveCountAsync(1);
        var served = await ui.Host.Api.GetFromJsonAsync<JsonObject>("/api/harness/current?agent=" + data.Agent);
        Assert.Equal(2, (int)served!["version"]!);
        watched.AssertClean();
    }

    [Fact]
    public async Task Start_form_runs_the_simulated_model_and_the_run_page_follows_progress_to_the_results()
    {
        var data = await ui.EvalRunsAsync();
        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync("/runs");
        var model = page.Locator("select[name=model]");
        await Expect(model.Locator("option[value=simulated]")).ToHaveTextAsync(new Regex("simulation, not a real model"));
        await page.SelectOptionAsync("select[name=agent]", data.Agent);
        await page.FillAsync("input[name=version]", "1");
        await page.SelectOptionAsync("select[name=model]", "simulated");
        await page.FillAsync("input[name=trials]", "1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start run" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/runs/run_[0-9a-f]+$"));
        await Expect(page.Locator("[role=note]")).ToContainTextAsync("Simulated model");
        // htmx polls the progress panel; when the run finishes the page reloads with the results.
        await Expect(page.Locator("#progress .status")).ToHaveTextAsync("completed", new() { Timeout = 90_000 });
        await Expect(page.Locator("h2", new() { HasText = "By category" })).ToBeVisibleAsync();
        await Expect(page.Locator("h2", new() { HasText = "By split" })).ToBeVisibleAsync();
        await Expect(page.Locator("h2", new() { HasText = "By failure cluster" })).ToBeVisibleAsync();
        Assert.True(await page.Locator("#cases ~ table tbody tr").CountAsync() >= data.CaseIds.Count);
        watched.AssertClean();
    }

    [Fact]
    public async Task Run_page_drills_down_to_each_trial_with_grader_results_and_transcript()
    {
        var data = await ui.EvalRunsAsync();
        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync("/runs");
        await page.Locator($"table.list a[href='/runs/{data.RunV1}']").ClickAsync();
        await Expect(page.Locator("#progress .status")).ToHaveTextAsync("completed");
        await Expect(page.Locator(".card").First).ToContainTextAsync("pass rate");
        await page.Locator("#cases ~ table tbody tr a").First.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/runs/{data.RunV1}/cases/ui-case-\\d$"));
        await Expect(page.Locator("section.trial-section")).ToHaveCountAsync(2);
        var first = page.Locator("section.trial-section").First;
        await Expect(first.Locator("table.graders tbody tr").First).ToBeVisibleAsync();
        await Expect(first.Locator("table.graders")).ToContainTextAsync(new Regex("passed|failed"));
        await Expect(first.Locator("ol.timeline li.turn-assistant").First).ToBeVisibleAsync();
        watched.AssertClean();
    }

    [Fact]
    public async Task Compare_page_shows_outcomes_statistics_and_a_case_side_by_side()
    {
        var data = await ui.EvalRunsAsync();
        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync("/runs");
        await page.SelectOptionAsync("select[name=a]", data.RunV1);
        await page.SelectOptionAsync("select[name=b]", data.RunV2);
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/runs/compare\\?a={data.RunV1}&b={data.RunV2}$"));
        var expected = (await ui.Host.Api.GetFromJsonAsync<JsonObject>($"/api/evalruns/compare?a={data.RunV1}&b={data.RunV2}"))!;
        await Expect(page.Locator(".card", new() { HasText = "wins / loses / ties" }))
            .ToContainTextAsync($"{expected["wins"]} / {expected["losses"]} / {expected["ties"]}");
        await Expect(page.Locator(".card", new() { HasText = "95 % confidence interval" })).ToBeVisibleAsync();
        await Expect(page.Locator(".card", new() { HasText = "paired t-test" })).ToContainTextAsync("p = ");
        await Expect(page.Locator("#categories ~ table tbody tr").First).ToBeVisibleAsync();
        var cases = page.Locator("#cases ~ table tbody tr");
        await Expect(cases).ToHaveCountAsync(expected["cases"]!.AsArray().Count);

        await cases.First.Locator("a").ClickAsync();
        await Expect(page.Locator("#side-by-side")).ToBeVisibleAsync();
        var columns = page.Locator("#side-by-side ~ .columns").First;
        await Expect(columns.Locator("h4")).ToHaveTextAsync(["A · v1", "B · v2"]);
        await Expect(columns.Locator("ol.timeline")).ToHaveCountAsync(2);
        watched.AssertClean();
    }

    [Fact]
    public async Task A_failed_run_shows_why_on_its_page_and_in_the_list()
    {
        var data = await ui.EvalRunsAsync();
        var started = await ui.Host.Api.PostAsJsonAsync("/api/evalruns", new { agent = data.Agent, version = 1, caseIds = new[] { "no-such-case" }, trials = 1 });
        started.EnsureSuccessStatusCode();
        var id = (string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await EvalRunData.WaitFinishedAsync(ui.Host.Api, id);

        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync("/runs/" + id);
        await Expect(page.Locator("#progress .status")).ToHaveTextAsync("failed");
        await Expect(page.Locator("#progress [role=alert]")).ToContainTextAsync("The run failed: no eval case matches");
        await page.GotoAsync("/runs");
        await Expect(page.Locator($"tr[data-href='/runs/{id}'] .status")).ToHaveTextAsync("failed");
        watched.AssertClean();
    }

    [Fact]
    public async Task Compare_page_names_a_missing_run()
    {
        await using var watched = await ui.OpenPageAsync();
        var response = await watched.Page.GotoAsync("/runs/compare?a=run_nope&b=run_nothere");
        Assert.Equal(404, response!.Status);
        await Expect(watched.Page.Locator("[role=alert]")).ToContainTextAsync("does not exist");
    }

    [Theory]
    [InlineData("/runs/{hostile}")]
    [InlineData("/runs/{hostile}/cases/{case}")]
    [InlineData("/runs/compare?a={v1}&b={hostile}&case={case}")]
    [InlineData("/harness?agent={agent}&v=2")]
    [InlineData("/runs")]
    public async Task Hostile_transcripts_and_harness_text_show_literally_and_execute_nothing(string path)
    {
        var data = await ui.EvalRunsAsync();
        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync(path.Replace("{hostile}", data.HostileRun).Replace("{v1}", data.RunV1)
            .Replace("{case}", data.CaseIds[0]).Replace("{agent}", data.Agent));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (path.Contains("cases") || path.Contains("case="))
        {
            foreach (var payload in HostileTrace.Payloads) await Expect(page.Locator("main ol.timeline").Filter(new() { HasText = "Looking up" })).ToContainTextAsync(payload);
        }
        if (path.StartsWith("/harness"))
        {
            await page.Locator("details").First.EvaluateAsync("d => d.open = true");
            await Expect(page.Locator("pre.content")).ToContainTextAsync(HostileTrace.Payloads[0]);
            await Expect(page.Locator("section[aria-labelledby=versions] table tbody tr").First).ToContainTextAsync(HostileTrace.Payloads[1]);
        }
        await page.WaitForTimeoutAsync(300);

        Assert.Empty(watched.Dialogs);
        Assert.DoesNotContain(watched.Requests, url => url.Contains(HostileTrace.Marker, StringComparison.Ordinal));
        Assert.True(await page.EvaluateAsync<bool>($"() => typeof window.{HostileTrace.Marker} === 'undefined'"));
        Assert.Equal(0, await page.Locator("main script, main iframe, main img[src=x], main [onerror], main a[href^='javascript:']").CountAsync());
        watched.AssertClean();
    }
}
