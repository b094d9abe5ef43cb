using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BetterHarness.Web.Tests.Pages;

/// <summary>The Detector page on real labels of the replayed airline traces: versions with their figures, pin / roll back.</summary>
[Collection(UiCollection.Name)]
public sealed class DetectorPageTests(UiHost ui)
{
    [Fact]
    public async Task Shows_each_version_with_its_figures_and_an_admin_pins_the_shipped_model_back_with_an_audit_entry()
    {
        var agent = "detector-ui-" + Guid.NewGuid().ToString("N")[..6];
        var labelled = 0;
        foreach (var traceId in ui.ReplayedTraceIds)
        {
            var trace = (await ui.Host.Api.GetFromJsonAsync<JsonObject>("/api/traces/" + traceId))!;
            var users = trace["messages"]!.AsArray().Count(m => (string?)m!["role"] == "user");
            for (var turn = 0; turn < users && labelled < 40; turn++, labelled++)
            {
                // Every third turn marked a correction: enough of each for a training pass (30 labels, 5 of each kind).
                var response = await ui.Host.Api.PostAsJsonAsync("/api/corrections/labels", new { agent, traceId, userTurn = turn, isCorrection = labelled % 3 == 0 });
                Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
            }
        }
        Assert.True(labelled >= 30, $"the replayed traces hold only {labelled} user turns");
        (await ui.Host.Api.PostAsync($"/api/corrections/detector/retrain?agent={agent}", null)).EnsureSuccessStatusCode();

        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync("/detector?agent=" + agent);
        await Expect(page.Locator("h1")).ToContainTextAsync("Correction detector");
        var v1 = page.Locator("#versions + table tbody tr", new() { HasText = "v1" });
        await Expect(v1).ToHaveCountAsync(1);
        await Expect(v1).ToContainTextAsync($"{labelled} (");
        await Expect(page.Locator("#labels")).ToContainTextAsync($"{labelled} in all");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "bh-detector.png"), FullPage = true });

        await page.Locator("button", new() { HasText = "Pin shipped" }).ClickAsync();
        await Expect(page.Locator(".notice.ok")).ToContainTextAsync("Version 0 (the shipped model) is pinned");
        await Expect(page.Locator("#active")).ToContainTextAsync("pinned by local-admin");
        var state = (await ui.Host.Api.GetFromJsonAsync<JsonObject>($"/api/corrections/detector?agent={agent}"))!;
        Assert.Equal(0, (int)state["active"]!["version"]!);
        Assert.Equal("local-admin", (string?)state["pinnedBy"]);
        // Mining keeps its own audit log (the write was audited where it happened).
        using var c = ui.Host.Services.GetRequiredService<BetterHarness.Mining.Storage.MiningDatabase>().Database.Open();
        using var query = c.CreateCommand();
        query.CommandText = "SELECT actor || ' ' || action FROM audit_log WHERE subject = $agent ORDER BY id";
        query.Parameters.AddWithValue("$agent", agent);
        var entries = new List<string>();
        using (var reader = query.ExecuteReader()) while (reader.Read()) entries.Add(reader.GetString(0));
        Assert.Contains("local-admin detector.pin", entries);
        Assert.Contains("local-admin detector.retrain", entries);
        watched.AssertClean();
    }
}
