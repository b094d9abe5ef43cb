using BetterHarness.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BetterHarness.Web.Tests.Pages;

/// <summary>
/// Trace content is written by strangers. A trace whose messages, tool arguments, results and attributes carry
/// script, event handlers, javascript: URLs and htmx attributes must show them as text and do nothing else.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class HostileContentTests(UiHost ui)
{
    [Theory]
    [InlineData("/traces/{id}")]
    [InlineData("/traces")]
    [InlineData("/clusters")]
    [InlineData("/clusters/{cluster}")]
    [InlineData("/")]
    public async Task Hostile_trace_content_shows_literally_and_executes_nothing(string path)
    {
        await using var watched = await ui.OpenPageAsync();
        var page = watched.Page;
        var cluster = path.Contains("{cluster}") ? await ui.HostileClusterIdAsync() : "";
        await page.GotoAsync(path.Replace("{id}", ui.HostileTraceId).Replace("{cluster}", cluster));
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        if (path == "/clusters/{cluster}")
        {
            // The LLM analyst's statement (the hostile model's answer, cut to 25 words) shows as text under the model's name.
            await Expect(page.Locator("section.analysis h2")).ToContainTextAsync("LLM analysis by analyst");
            await Expect(page.Locator("section.analysis li").First).ToContainTextAsync(HostileTrace.Payloads[0]);
        }
        if (path == "/traces/{id}")
        {
            await page.Locator("details").Last.EvaluateAsync("d => d.open = true");
            foreach (var payload in HostileTrace.Payloads)
                await Expect(page.Locator("ol.timeline")).ToContainTextAsync(payload);
            await Expect(page.Locator("table.spans")).ToContainTextAsync(HostileTrace.Payloads[1]);
            // A failed trace names its cluster and, with the analyst on, the model's root cause, as text.
            await Expect(page.Locator("dl.facts a[href^='/clusters/']")).ToHaveCountAsync(1);
            await Expect(page.Locator("dl.facts")).ToContainTextAsync("LLM analysis by analyst");
            await Expect(page.Locator("dl.facts dd.analysis")).ToContainTextAsync(HostileTrace.Payloads[0]);
        }
        // Give any htmx trigger="load" or onerror a chance to fire.
        await page.WaitForTimeoutAsync(300);

        Assert.Empty(watched.Dialogs);
        Assert.DoesNotContain(watched.Requests, url => url.Contains(HostileTrace.Marker, StringComparison.Ordinal));
        Assert.True(await page.EvaluateAsync<bool>($"() => typeof window.{HostileTrace.Marker} === 'undefined'"));
        Assert.Equal(0, await page.Locator("main script, main iframe, main img[src=x], main [onerror], main a[href^='javascript:']").CountAsync());
        await Expect(page.Locator("body")).ToBeVisibleAsync();
        watched.AssertClean();
    }
}
