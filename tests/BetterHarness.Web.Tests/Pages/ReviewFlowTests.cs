using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BetterHarness.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BetterHarness.Web.Tests.Pages;

/// <summary>
/// From a replayed trace to a case in the store, through the browser: accept with edits, reject with a reason,
/// bulk actions, the keyboard. Each test takes its own candidates from the shared queue.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class ReviewFlowTests(UiHost ui)
{
    [Fact]
    public async Task Accept_with_edits_puts_the_edited_case_in_the_store_and_the_audit_log()
    {
        var id = await ui.TakePendingCandidateAsync();
        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync("/review?id=" + id);
        await Expect(page.Locator("li.turn.correction, li.turn.flagged, li.turn .call").First).ToBeVisibleAsync();
        await page.FillAsync("#behaviour", "Edited: confirm the reservation id before changing anything.");
        await page.FillAsync("input[name=tags]", "tool_selection, edited_by_test");
        await page.CheckAsync("input[name=mustPass]");
        await page.ClickAsync("#accept-form button[data-key=a]");
        await Expect(page.Locator(".notice.ok")).ToContainTextAsync($"Accepted {id} as case");

        var evalCase = await ui.CaseFromCandidateAsync(id);
        Assert.Equal("Edited: confirm the reservation id before changing anything.", (string?)evalCase["expected"]!["behaviour"]);
        Assert.Contains("edited_by_test", evalCase["tags"]!.AsArray().Select(t => (string?)t));
        Assert.True((bool)evalCase["mustPass"]!);

        await page.GotoAsync("/evals/" + (string)evalCase["id"]!);
        await Expect(page.Locator(".case")).ToContainTextAsync("Edited: confirm the reservation id");
        await page.GotoAsync("/audit?subject=" + (string)evalCase["id"]!);
        await Expect(page.Locator("table.list")).ToContainTextAsync("local-admin");
        await Expect(page.Locator("table.list")).ToContainTextAsync("accept");
        watched.AssertClean();
    }

    [Fact]
    public async Task Reject_with_a_reason_records_it()
    {
        var id = await ui.TakePendingCandidateAsync();
        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync("/review?id=" + id);
        await page.FillAsync("#reject-reason", "not a real mistake");
        await page.ClickAsync("#reject-form button[type=submit]");
        await Expect(page.Locator(".notice.ok")).ToContainTextAsync($"Rejected {id}");
        var item = await ui.Host.Api.GetFromJsonAsync<JsonObject>("/api/review/" + id);
        Assert.Equal("rejected", (string?)item!["status"]);
        Assert.Equal("not a real mistake", (string?)item["reason"]);
        watched.AssertClean();
    }

    [Fact]
    public async Task Bulk_accept_from_the_filtered_list_makes_one_snapshot()
    {
        var first = await ui.TakePendingCandidateAsync();
        var second = await ui.TakePendingCandidateAsync();
        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync("/review?status=pending");
        await page.CheckAsync($"input[name=ids][value={first}]");
        await page.CheckAsync($"input[name=ids][value={second}]");
        await page.ClickAsync("#bulk button[value=accept]");
        await Expect(page.Locator(".notice.ok")).ToContainTextAsync("Bulk accept: 2 candidates, snapshot");
        var a = await ui.CaseFromCandidateAsync(first);
        var b = await ui.CaseFromCandidateAsync(second);
        Assert.NotEqual((string)a["id"]!, (string)b["id"]!);
        watched.AssertClean();
    }

    [Fact]
    public async Task Keyboard_moves_through_the_queue_and_rejects_with_r()
    {
        // The fixture waits for the first candidate only; on a loaded machine mining may still be proposing the rest.
        var ids = new List<string>();
        for (var deadline = DateTime.UtcNow.AddSeconds(60); ids.Count < 2 && DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var pending = await ui.Host.Api.GetFromJsonAsync<JsonObject>("/api/review?status=pending&limit=100");
            ids = pending!["items"]!.AsArray().Select(i => (string)i!["candidateId"]!).Where(ui.IsFree).ToList();
        }
        Assert.True(ids.Count >= 2, "the fixture yields enough candidates for every review test");
        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync("/review?status=pending&id=" + ids[0]);
        var order = await page.Locator("li[data-list-item] input[name=ids]").EvaluateAllAsync<string[]>("boxes => boxes.map(b => b.value)");
        var index = Array.IndexOf(order, ids[0]);
        await page.Keyboard.PressAsync("j");
        await Expect(page).ToHaveURLAsync(new Regex("id=" + order[index + 1] + "$"));
        await page.Keyboard.PressAsync("k");
        await Expect(page).ToHaveURLAsync(new Regex("id=" + ids[0] + "$"));

        ui.Claim(ids[0]);
        await page.Keyboard.PressAsync("r");
        await Expect(page.Locator("#reject-reason")).ToBeFocusedAsync();
        // Shortcuts are off while typing: a, s and j are text here.
        await page.Keyboard.TypeAsync("duplicate as seen");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".notice.ok")).ToContainTextAsync($"Rejected {ids[0]}: duplicate as seen");
        watched.AssertClean();
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_rejected()
    {
        var id = await ui.TakePendingCandidateAsync();
        var response = await ui.Host.Api.PostAsync("/review?handler=reject",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["candidateId"] = id, ["reason"] = "forged" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var item = await ui.Host.Api.GetFromJsonAsync<JsonObject>("/api/review/" + id);
        Assert.Equal("pending", (string?)item!["status"]);
    }

    [Fact]
    public async Task In_open_mode_a_browser_write_from_another_site_is_refused()
    {
        var id = await ui.TakePendingCandidateAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/review/{id}/reject") { Content = JsonContent.Create(new { reason = "drive-by" }) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        var response = await ui.Host.Api.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("from another site", await response.Content.ReadAsStringAsync());
        var item = await ui.Host.Api.GetFromJsonAsync<JsonObject>("/api/review/" + id);
        Assert.Equal("pending", (string?)item!["status"]);
    }
}
