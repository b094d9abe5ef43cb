using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace BetterHarness.Web.Tests.Support;

/// <summary>
/// A page that records what a hostile page could do: dialogs, requests, console errors and CSP violations
/// (reported from the securitypolicyviolation event and from Chromium's console messages).
/// </summary>
public sealed class WatchedPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private WatchedPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Dialog += (_, dialog) =>
        {
            Dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        page.Request += (_, request) => Requests.Add(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Type == "error") ConsoleErrors.Add(message.Text);
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) CspViolations.Add(message.Text);
        };
        page.PageError += (_, error) => PageErrors.Add(error);
    }

    public IPage Page { get; }
    public ConcurrentBag<string> Dialogs { get; } = [];
    public ConcurrentBag<string> Requests { get; } = [];
    public ConcurrentBag<string> ConsoleErrors { get; } = [];
    public ConcurrentBag<string> CspViolations { get; } = [];
    public ConcurrentBag<string> PageErrors { get; } = [];

    public static async Task<WatchedPage> OpenAsync(Browser browser, string baseUrl)
    {
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        var watched = new WatchedPage(context, page);
        await page.ExposeFunctionAsync("bhReportCsp", (string text) => watched.CspViolations.Add(text));
        // Playwright injects init scripts outside the page's CSP, so this listener runs even where page scripts could not.
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => " +
                                      "window.bhReportCsp(e.violatedDirective + ' blocked ' + e.blockedURI));");
        return watched;
    }

    /// <summary>Fails when anything was blocked by the CSP or the page threw.</summary>
    public void AssertClean()
    {
        Assert.Empty(CspViolations);
        Assert.Empty(PageErrors);
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
