using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BetterHarness.Web.Tests.Pages;

/// <summary>The optimiser's pages in Chromium, on a real simulated optimisation: list, report, one case's transcripts, approval.</summary>
public sealed class OptimizationPagesTests(OptimizationUiHost ui) : IClassFixture<OptimizationUiHost>
{
    [Fact]
    public async Task A_reviewer_reads_the_report_and_the_diff_compares_a_case_before_and_after_and_approves_the_version()
    {
        var report = ui.Run["report"]!;
        var accepted = report["iterations"]!.AsArray().FirstOrDefault(i => (bool)i!["accepted"]!)
            ?? throw new InvalidOperationException("the fixture's optimisation accepted no change: " + report["iterations"]!.ToJsonString());
        var gained = (string)accepted["gained"]!.AsArray()[0]!;
        var version = (int)ui.Run["harnessVersion"]!;
        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;

        await page.GotoAsync("/optimizations");
        var row = page.Locator($"tr:has(a[href='/optimizations/{ui.RunId}'])");
        await Expect(row).ToContainTextAsync("awaiting review");
        await Expect(row).ToContainTextAsync(OptimizationUiHost.Agent);
        await row.Locator("a").First.ClickAsync();

        await Expect(page.Locator("h1")).ToContainTextAsync("Optimising " + OptimizationUiHost.Agent);
        await Expect(page.Locator(".notice").First).ToContainTextAsync("Simulated model");
        var acceptedItem = page.Locator("ol.feed li", new() { HasText = (string)accepted["change"]!["text"]! }).Filter(new() { HasText = "accepted" });
        await Expect(acceptedItem.Locator("pre.diff .ins")).ToContainTextAsync((string)accepted["change"]!["text"]!);
        await Expect(page.Locator("section[aria-labelledby=cases] tbody tr")).ToHaveCountAsync(
            report["baseline"]!["optimization"]!["cases"]!.AsArray().Count + report["baseline"]!["holdout"]!["cases"]!.AsArray().Count);

        await page.ClickAsync($"a[href='/optimizations/{ui.RunId}/cases/{gained}']");
        var columns = page.Locator(".columns section");
        await Expect(columns).ToHaveCountAsync(2);
        await Expect(columns.Nth(0)).ToContainTextAsync("failed");
        await Expect(columns.Nth(1)).ToContainTextAsync("passed");

        await page.GotoAsync($"/optimizations/{ui.RunId}");
        await Expect(page.Locator("section[aria-labelledby=review]")).ToContainTextAsync("a simulated model");
        // A version validated only in simulation asks for an explicit confirmation: the button alone does not approve it.
        await page.ClickAsync($"button:has-text('Approve: make version {version} current')");
        Assert.Equal("awaiting_review", (string?)(await ui.Host.Api.GetFromJsonAsync<JsonObject>($"/api/optimizations/{ui.RunId}"))!["status"]);
        await page.CheckAsync("input[name=confirmSimulated]");
        await page.ClickAsync($"button:has-text('Approve: make version {version} current')");
        await Expect(page.Locator(".notice.ok", new() { HasText = "Approved" })).ToBeVisibleAsync();
        await Expect(page.Locator(".status-approved").First).ToBeVisibleAsync();
        await ui.WaitForStatusAsync("approved", TimeSpan.FromSeconds(10));
        var current = (await ui.Host.Api.GetFromJsonAsync<JsonObject>($"/api/harness/current?agent={OptimizationUiHost.Agent}"))!;
        Assert.Equal(version, (int)current["version"]!);
        await page.GotoAsync("/optimizations");
        await Expect(page.Locator($"tr:has(a[href='/optimizations/{ui.RunId}'])")).ToContainTextAsync("approved");
        watched.AssertClean();
    }
}
