using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BetterHarness.Web.Tests.Pages;

/// <summary>
/// Rejecting a candidate mined from a user correction in the browser: "not a correction" becomes a stored negative label of
/// the correction's turn (source review), "a correction, but not useful" a positive one, any other reason none.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class ReviewVerdictLabelTests(UiHost ui)
{
    [Fact]
    public async Task Each_reject_verdict_is_stored_as_the_label_it_says_and_another_reason_as_none()
    {
        var (other, otherTrace) = await TakeCorrectionCandidateAsync();
        var (notCorrection, notTrace) = await TakeCorrectionCandidateAsync();
        var (notUseful, notUsefulTrace) = await TakeCorrectionCandidateAsync();
        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;

        // Another reason: the radio stays on "other", a reason is required, and the detector learns nothing.
        await page.GotoAsync("/review?id=" + other);
        await Expect(page.Locator("fieldset.verdict input[value=other]")).ToBeCheckedAsync();
        await page.FillAsync("#reject-reason", "duplicate of a case we already have");
        await page.ClickAsync("#reject-form button[type=submit]");
        await Expect(page.Locator(".notice.ok")).ToContainTextAsync($"Rejected {other}");
        await Expect(page.Locator(".notice.ok")).Not.ToContainTextAsync("detector learns");

        await page.GotoAsync("/review?id=" + notCorrection);
        await page.CheckAsync("fieldset.verdict input[value=not_a_correction]");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "bh-review-verdict.png"), FullPage = false });
        await page.ClickAsync("#reject-form button[type=submit]");
        await Expect(page.Locator(".notice.ok")).ToContainTextAsync($"Rejected {notCorrection}");
        await Expect(page.Locator(".notice.ok")).ToContainTextAsync("the agent's correction detector learns: not a correction");

        // "A correction, but not useful": the case is rejected, the turn is still a correction; no reason needed.
        await page.GotoAsync("/review?id=" + notUseful);
        await page.CheckAsync("fieldset.verdict input[value=correct_but_not_useful]");
        await page.ClickAsync("#reject-form button[type=submit]");
        await Expect(page.Locator(".notice.ok")).ToContainTextAsync($"Rejected {notUseful}");
        await Expect(page.Locator(".notice.ok")).ToContainTextAsync("the agent's correction detector learns: a correction");

        var positive = await ReviewLabelAsync(notUsefulTrace, TimeSpan.FromSeconds(30));
        Assert.True((bool)positive["isCorrection"]!);
        Assert.Equal("review-reject", (string?)positive["origin"]);
        Assert.Equal("local-admin", (string?)positive["by"]);

        var label = await ReviewLabelAsync(notTrace, TimeSpan.FromSeconds(30));
        Assert.False((bool)label["isCorrection"]!);
        Assert.Equal("review-reject", (string?)label["origin"]);
        Assert.Equal("local-admin", (string?)label["by"]);
        // Verdicts go out in decision order through the same outbox: the earlier "other" rejection would be here by now.
        Assert.Empty(await ReviewLabelsAsync(otherTrace));

        // The trace page shows the stored verdict on the turn.
        await page.GotoAsync("/traces/" + notTrace);
        await Expect(page.Locator($"#user-turn-{(int)label["userTurn"]!} .badge.label-not")).ToContainTextAsync("not a correction");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "bh-trace-review-label.png"), FullPage = false });
        watched.AssertClean();
    }

    /// <summary>A pending candidate, not taken by another test, whose case was mined from a user correction (the verdict choice shows).</summary>
    private async Task<(string Candidate, string Trace)> TakeCorrectionCandidateAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var queue = await ui.Host.Api.GetFromJsonAsync<JsonObject>("/api/review?status=pending&limit=1000");
            foreach (var id in queue!["items"]!.AsArray().Select(i => (string)i!["candidateId"]!).Where(ui.IsFree))
            {
                var detail = await ui.Host.Api.GetFromJsonAsync<JsonObject>("/api/review/" + id);
                var source = detail?["candidate"]?["provenance"]?["sources"]?.AsArray()
                    .FirstOrDefault(s => (string?)s?["reason"] == "user_correction");
                if (source is null || !ui.IsFree(id)) continue;
                ui.Claim(id);
                return (id, (string)source["traceId"]!);
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("no unclaimed pending candidate mined from a user correction");
    }

    private async Task<List<JsonObject>> ReviewLabelsAsync(string traceId)
    {
        var labels = await ui.Host.Api.GetFromJsonAsync<JsonObject>("/api/corrections/labels?traceId=" + traceId);
        return [.. labels!["labels"]!.AsArray().Select(l => l!.AsObject()).Where(l => (string?)l["source"] == "review")];
    }

    private async Task<JsonObject> ReviewLabelAsync(string traceId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if ((await ReviewLabelsAsync(traceId)).FirstOrDefault() is { } label) return label;
            await Task.Delay(200);
        }
        throw new TimeoutException($"no review label for trace {traceId} within {timeout.TotalSeconds:0} s");
    }
}
