using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Testing;
using BetterHarness.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BetterHarness.Web.Tests.Pages;

/// <summary>The production page in Chromium: versions with figures and intervals (uPlot), a rollback's reason, the running canary.</summary>
[Collection(UiCollection.Name)]
public sealed class ProductionPageTests(UiHost ui)
{
    private const string Agent = "checkout-agent";
    private static readonly AgentTraffic.Tool[] Tools = [new("lookup_order", "Look up an order by its number.")];

    [Fact]
    public async Task Versions_figures_links_rollback_reason_and_running_canary_are_shown_as_text()
    {
        var api = ui.Host.Api;
        foreach (var instructions in new[] { "Be brief.", "Be brief. Quote the order number.", "Be brief. Quote the order number. <img src=x onerror=alert(1)>" })
            (await api.PostAsJsonAsync("/api/harnesses", new { agent = Agent, instructions, tools = Tools.Select(t => new { name = t.Name, description = t.Description }) }))
                .EnsureSuccessStatusCode();
        var ids = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var version = i < 20 ? "1" : "2";
            var (request, id) = AgentTraffic.Trace(Agent, "Be brief.", Tools, failed: i < 20 ? i % 6 == 0 : i % 2 == 0, version);
            await AgentTraffic.SendAsync(ui.Host.Otlp, request);
            ids.Add(id);
        }
        foreach (var id in ids) await ui.Host.WaitForTraceAsync(id);
        var first = await Start(api, 2, 0.1);
        (await api.PostAsJsonAsync($"/api/harnesses/{Agent}/rollouts/{first}/rollback", new { reason = "checkout failures doubled <script>alert(1)</script>" }))
            .EnsureSuccessStatusCode();
        await Start(api, 3, 0.2);

        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync($"/production?agent={Agent}");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Production");
        await Expect(page.Locator("[data-rollout]")).ToContainTextAsync("v3 to 20.0% of units");
        await Expect(page.Locator("tr.rollout-rolled_back td.reason")).ToHaveTextAsync("checkout failures doubled <script>alert(1)</script>");
        var rows = page.Locator("#versions ~ table tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Nth(2)).ToContainTextAsync("20"); // v1: 20 traces
        await Expect(rows.Nth(1)).ToContainTextAsync("50.0%"); // v2: 10 of 20 failed
        await Expect(page.Locator("[data-version-chart] .uplot")).ToHaveCountAsync(1);
        await Expect(page.Locator("h3").First).ToContainTextAsync("v1 → v2: failure rate +30.0%");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "production-page.png"), FullPage = true });

        // Every number leads to its traces.
        await rows.Nth(1).Locator("a[href*='failed=true']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("harnessVersion=2&failed=true"));
        await Expect(page.Locator("table.list tbody tr")).ToHaveCountAsync(10);

        // Every rollout step is in the audit log, which /audit merges from every service's (these are the optimizer's).
        await page.GotoAsync("/audit");
        var rollback = page.Locator("table.list tbody tr", new() { HasText = "rollout.rollback" });
        await Expect(rollback).ToHaveCountAsync(1);
        await Expect(rollback.Locator("td.evidence")).ToContainTextAsync("checkout failures doubled <script>alert(1)</script>");
        await Expect(rollback).ToContainTextAsync("optimizer");
        await Expect(page.Locator("table.list tbody tr", new() { HasText = "rollout.start" })).ToHaveCountAsync(2);
        await rollback.Locator("a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/production\\?agent={Agent}$"));
        watched.AssertClean();
    }

    private static async Task<string> Start(HttpClient api, int version, double share)
    {
        var response = await api.PostAsJsonAsync($"/api/harnesses/{Agent}/rollouts", new { version, share });
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }
}
