using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BetterHarness.Web.Tests.Pages;

/// <summary>Marking user turns as corrections on the trace page, by keyboard, and seeing who said so.</summary>
[Collection(UiCollection.Name)]
public sealed class CorrectionLabelPagesTests(UiHost ui)
{
    [Fact]
    public async Task Keyboard_marks_the_selected_user_turn_and_the_label_shows_who_gave_it()
    {
        var traceId = ui.ReplayedTraceIds[^1];
        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync("/traces/" + traceId);
        var turns = page.Locator("li.turn-user.list-item");
        Assert.True(await turns.CountAsync() >= 2, "the replayed trace has at least two user turns");

        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await Expect(turns.Nth(1)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("selected"));
        await page.Keyboard.PressAsync("c");
        await Expect(page.Locator(".notice.ok")).ToContainTextAsync("User turn 1 labelled a correction");
        await Expect(page.Locator("#user-turn-1 .badge.label-correction")).ToContainTextAsync("by local-admin");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "bh-trace-labels.png"), FullPage = false });

        // The page came back with the same turn selected: n relabels it.
        await page.Keyboard.PressAsync("n");
        await Expect(page.Locator("#user-turn-1 .badge.label-not")).ToContainTextAsync("not a correction");
        await Expect(page.Locator("#user-turn-1 .badge.label-correction")).ToHaveCountAsync(0);

        var labels = await ui.Host.Api.GetFromJsonAsync<JsonObject>("/api/corrections/labels?traceId=" + traceId);
        var label = Assert.Single(labels!["labels"]!.AsArray());
        Assert.Equal(1, (int)label!["userTurn"]!);
        Assert.False((bool)label["isCorrection"]!);
        Assert.Equal("local-admin", (string?)label["by"]);
        watched.AssertClean();
    }
}
