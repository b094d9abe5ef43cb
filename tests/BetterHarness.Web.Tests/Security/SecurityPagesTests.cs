using BetterHarness.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BetterHarness.Web.Tests.Security;

/// <summary>What a person sees in Chromium when sign-in is throttled and when a backend refuses a page's request.</summary>
public sealed class SecurityPagesTests
{
    [Fact]
    public async Task A_throttled_sign_in_says_how_long_to_wait_and_a_refused_request_is_not_called_an_outage()
    {
        var (host, _) = await SecureHost.StartAsync();
        await using var _ = host;
        await using var browser = await Browser.LaunchAsync();
        await using var watched = await WatchedPage.OpenAsync(browser, $"http://127.0.0.1:{host.ApiPort}");
        var page = watched.Page;

        // The sixth guess must wait 1 s after the fifth, the seventh 2 s, and so on. On a loaded machine a page round trip
        // can outlast the first waits, so guessing goes on until a refusal is seen: it must come within a few doublings.
        var throttled = false;
        for (var i = 0; i < 9 && !throttled; i++)
        {
            await page.GotoAsync("/login");
            await page.FillAsync("#name", "victor");
            await page.FillAsync("#password", "guess number " + i);
            await page.ClickAsync(".signin-form button[type=submit]");
            var notice = await page.Locator(".notice.error").TextContentAsync();
            throttled = notice?.Contains("Too many failed sign-ins", StringComparison.Ordinal) == true;
            Assert.True(i >= 5 || !throttled, $"throttled after only {i + 1} attempts: {notice}");
        }
        Assert.True(throttled, "nine wrong passwords in a row were never throttled");
        await Expect(page.Locator(".notice.error")).ToContainTextAsync("Too many failed sign-ins for this account or from this address. Try again in");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "bh-security-throttled-login.png"), FullPage = true });

        await AccountsHost.SignInAsync(page, "ada", SecureHost.Password);
        var response = await page.GotoAsync("/review?id=%00");
        await Expect(page.Locator("h1")).ToContainTextAsync("refused this request");
        Assert.Equal(400, response!.Status);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "bh-security-refused.png"), FullPage = true });
        watched.AssertClean();
    }
}
