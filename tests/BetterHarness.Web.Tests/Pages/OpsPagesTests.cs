using System.Text.RegularExpressions;
using BetterHarness.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BetterHarness.Web.Tests.Pages;

/// <summary>The ops pages render replayed data in Chromium: overview, cluster dashboard, drill-down, trace timeline.</summary>
[Collection(UiCollection.Name)]
public sealed class OpsPagesTests(UiHost ui)
{
    [Fact]
    public async Task Overview_shows_counts_alerts_and_links_to_clusters()
    {
        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync("/");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Overview");
        await Expect(page.Locator(".card").First).ToContainTextAsync("traces completed");
        Assert.True(await page.Locator("#alerts + ul.feed li a[href^='/clusters/']").CountAsync() > 0);
        watched.AssertClean();
    }

    [Fact]
    public async Task Cluster_dashboard_drills_down_to_a_member_trace_timeline()
    {
        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync("/clusters");
        // A label is a sentence; the keywords stay beside it as terms.
        await Expect(page.Locator("table.list tbody tr td .meta", new() { HasText = "terms:" }).First).ToBeVisibleAsync();
        var first = page.Locator("table.list tbody tr a[href^='/clusters/']").First;
        await first.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/clusters/fc-[0-9a-f]+$"));
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("failed traces");
        // The trend chart is drawn by uPlot from the server's counts (the SVG fallback is replaced).
        await Expect(page.Locator("[data-trend-chart] .uplot")).ToHaveCountAsync(1);

        await page.Locator("#members ~ table a[href^='/traces/']").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/traces/[0-9a-f]{32}$"));
        await Expect(page.Locator("ol.timeline li.turn-user").First).ToBeVisibleAsync();
        await Expect(page.Locator("ol.timeline li.turn-assistant").First).ToBeVisibleAsync();
        watched.AssertClean();
    }

    [Fact]
    public async Task Trace_timeline_marks_the_correction_and_the_corrected_turn_and_shows_tool_calls()
    {
        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync("/traces?signal=user_correction");
        await page.Locator("table.list tbody tr a[href^='/traces/']").First.ClickAsync();
        await Expect(page.Locator("li.turn.correction")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("li.turn.corrected")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("li.turn .call code").First).ToBeVisibleAsync();
        watched.AssertClean();
    }

    [Fact]
    public async Task Traces_search_filters_by_signal_and_service_and_jumps_to_an_id()
    {
        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync("/traces?signal=tool_failure&service=tau-bench.airline");
        var rows = page.Locator("table.list tbody tr");
        Assert.True(await rows.CountAsync() > 0);
        foreach (var row in await rows.AllAsync()) await Expect(row).ToContainTextAsync("tool_failure");

        await page.GotoAsync("/traces?service=no-such-service");
        await Expect(page.Locator(".empty")).ToBeVisibleAsync();

        await page.FillAsync("input[name=q]", ui.ReplayedTraceIds[0].ToUpperInvariant());
        await page.PressAsync("input[name=q]", "Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"/traces/{ui.ReplayedTraceIds[0]}$"));
        watched.AssertClean();
    }

    [Fact]
    public async Task Keyboard_j_k_select_rows_enter_opens_and_question_mark_shows_the_cheatsheet()
    {
        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync("/traces");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("k");
        var selected = page.Locator("tr.selected");
        await Expect(selected).ToHaveCountAsync(1);
        var href = await selected.GetAttributeAsync("data-href");
        Assert.Equal(await page.Locator("table.list tbody tr").First.GetAttributeAsync("data-href"), href);

        // Shortcuts are off while typing: j in the search box is text, not navigation.
        await page.FocusAsync("input[name=service]");
        await page.Keyboard.TypeAsync("jk?");
        await Expect(page.Locator("input[name=service]")).ToHaveValueAsync("jk?");
        await Expect(page.Locator("#cheatsheet")).Not.ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");

        await page.Keyboard.PressAsync("?");
        await Expect(page.Locator("#cheatsheet")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#cheatsheet")).Not.ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(href!) + "$"));
        watched.AssertClean();
    }

    [Fact]
    public async Task Pages_work_without_javascript()
    {
        var context = await ui.Browser.Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = ui.BaseUrl, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/traces");
        await page.SelectOptionAsync("select[name=signal]", "user_correction");
        await page.ClickAsync("form.filters button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("signal=user_correction"));
        await page.Locator("table.list tbody tr a").First.ClickAsync();
        await Expect(page.Locator("li.turn.correction")).Not.ToHaveCountAsync(0);
        await page.GotoAsync("/clusters");
        await page.Locator("table.list tbody tr a").First.ClickAsync();
        // Without script the server-drawn SVG trend stays.
        await Expect(page.Locator("[data-trend-chart] svg.spark")).ToHaveCountAsync(1);
        await context.DisposeAsync();
    }
}
