using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Web.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BetterHarness.Web.Tests.Pages;

/// <summary>
/// With accounts: sign-in is required (the login page and its assets are not), wrong passwords are refused, roles are
/// enforced in the page and on the server, cookie writes need the antiforgery token (API keys do not), and the audit
/// log names the person who acted — not the web service that carried the request.
/// </summary>
[Collection(AccountsCollection.Name)]
public sealed class AccountsTests(AccountsHost host)
{
    [Fact]
    public async Task Pages_require_sign_in_but_the_login_page_and_its_assets_do_not()
    {
        await using var watched = await host.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync("/review");
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?returnUrl=%2Freview$"));
        await Expect(page.Locator("nav[aria-label=Main]")).ToHaveCountAsync(0);
        var css = await page.Locator("link[rel=stylesheet]").GetAttributeAsync("href");
        Assert.Equal(200, (await page.APIRequest.GetAsync(css!)).Status);

        using var anonymous = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var api = await anonymous.GetAsync("/api/review");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Contains("sign in at /login, or send an API key", await api.Content.ReadAsStringAsync());

        await page.FillAsync("#name", "carol");
        await page.FillAsync("#password", AccountsHost.Password);
        await page.ClickAsync(".signin-form button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/review$"));
        await Expect(page.Locator(".top .user-name")).ToHaveTextAsync("carol");
        watched.AssertClean();
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        await using var watched = await host.OpenPageAsync();
        var page = watched.Page;
        await page.GotoAsync("/login");
        await page.FillAsync("#name", "carol");
        await page.FillAsync("#password", "not her password");
        await page.ClickAsync(".signin-form button[type=submit]");
        await Expect(page.Locator(".notice.error")).ToContainTextAsync("Wrong name or password");
        Assert.DoesNotContain(await watched.Page.Context.CookiesAsync(), c => c.Name == "bh_session");
        await page.GotoAsync("/evals");
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?returnUrl=%2Fevals$"));
    }

    [Fact]
    public async Task A_viewer_sees_no_review_actions_and_the_server_refuses_them()
    {
        var id = await host.TakePendingCandidateAsync();
        await using var watched = await host.OpenPageAsync();
        var page = watched.Page;
        await AccountsHost.SignInAsync(page, "victor");
        await page.GotoAsync("/review?id=" + id);
        await Expect(page.Locator("#read-only")).ToBeVisibleAsync();
        await Expect(page.Locator("#accept-form")).ToHaveCountAsync(0);
        await Expect(page.Locator("#reject-form")).ToHaveCountAsync(0);
        await Expect(page.Locator("#bulk button")).ToHaveCountAsync(0);

        var token = await AccountsHost.AntiforgeryTokenAsync(page);
        var form = page.APIRequest.CreateFormData();
        form.Set("candidateId", id);
        form.Set("__RequestVerificationToken", token);
        var pagePost = await page.APIRequest.PostAsync("/review?handler=accept", new() { Form = form, MaxRedirects = 0 });
        Assert.Equal(403, pagePost.Status);
        Assert.Contains("needs the curator role", await pagePost.TextAsync());
        var apiPost = await page.APIRequest.PostAsync($"/api/review/{id}/accept", new()
        {
            DataObject = new { }, Headers = new Dictionary<string, string> { ["RequestVerificationToken"] = token },
        });
        Assert.Equal(403, apiPost.Status);
        Assert.Equal("pending", await host.StatusOfAsync(id));
        watched.AssertClean();
    }

    [Fact]
    public async Task Only_an_admin_may_make_a_harness_version_current_in_the_page_and_on_the_server()
    {
        var agent = "agent-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var instructions in new[] { "Be helpful.", "Be helpful. Confirm before changing a booking." })
            (await host.Host.Api.PostAsJsonAsync("/api/harnesses", new { agent, instructions, tools = Array.Empty<object>() })).EnsureSuccessStatusCode();

        await using (var watched = await host.OpenPageAsync())
        {
            var page = watched.Page;
            await AccountsHost.SignInAsync(page, "victor");
            await page.GotoAsync($"/harness?agent={agent}&v=2");
            await Expect(page.Locator("#version")).ToContainTextAsync("Version 2");
            await Expect(page.Locator("form[action='/harness?handler=current']")).ToHaveCountAsync(0);
            await Expect(page.Locator("form[action='/harness?handler=derive']")).ToHaveCountAsync(0);

            var form = page.APIRequest.CreateFormData();
            form.Set("agent", agent);
            form.Set("version", "2");
            form.Set("__RequestVerificationToken", await AccountsHost.AntiforgeryTokenAsync(page));
            var post = await page.APIRequest.PostAsync("/harness?handler=current", new() { Form = form, MaxRedirects = 0 });
            Assert.Equal(403, post.Status);
            Assert.Contains("needs the admin role", await post.TextAsync());
            watched.AssertClean();
        }
        // An agent's first version is current from day one; the viewer's attempt changed nothing.
        Assert.Equal(1, (int)(await host.Host.Api.GetFromJsonAsync<JsonObject>($"/api/harness/current?agent={agent}"))!["version"]!);

        await using (var watched = await host.OpenPageAsync())
        {
            var page = watched.Page;
            await AccountsHost.SignInAsync(page, "ada");
            await page.GotoAsync($"/harness?agent={agent}&v=2");
            await page.ClickAsync("form[action='/harness?handler=current'] button");
            await Expect(page.Locator("#version .status-current")).ToBeVisibleAsync();
            watched.AssertClean();
        }
        var current = (await host.Host.Api.GetFromJsonAsync<JsonObject>($"/api/harness/current?agent={agent}"))!;
        Assert.Equal(2, (int)current["version"]!);
    }

    [Fact]
    public async Task A_curator_accepts_and_the_audit_log_names_them()
    {
        var id = await host.TakePendingCandidateAsync();
        await using var watched = await host.OpenPageAsync();
        var page = watched.Page;
        await AccountsHost.SignInAsync(page, "carol");
        await page.GotoAsync("/review?id=" + id);
        await Expect(page.Locator("#read-only")).ToHaveCountAsync(0);
        await page.ClickAsync("#accept-form button[data-key=a]");
        await Expect(page.Locator(".notice.ok")).ToContainTextAsync($"Accepted {id} as case");
        Assert.Equal("accepted", await host.StatusOfAsync(id));

        await page.GotoAsync("/audit?action=accept");
        var row = page.Locator("table.list tbody tr").Filter(new() { HasText = "from " + id });
        await Expect(row).ToContainTextAsync("carol");
        await Expect(row).ToContainTextAsync("curator");
        watched.AssertClean();
    }

    [Fact]
    public async Task A_cookie_write_without_the_antiforgery_token_is_refused_and_an_api_key_write_needs_none()
    {
        var id = await host.TakePendingCandidateAsync();
        await using var watched = await host.OpenPageAsync();
        var page = watched.Page;
        await AccountsHost.SignInAsync(page, "carol");
        await page.GotoAsync("/review?id=" + id);

        var forgedApi = await page.APIRequest.PostAsync($"/api/review/{id}/reject", new() { DataObject = new { reason = "forged" } });
        Assert.Equal(400, forgedApi.Status);
        Assert.Contains("antiforgery token", await forgedApi.TextAsync());
        var form = page.APIRequest.CreateFormData();
        form.Set("candidateId", id);
        form.Set("reason", "forged");
        Assert.Equal(400, (await page.APIRequest.PostAsync("/review?handler=reject", new() { Form = form, MaxRedirects = 0 })).Status);
        Assert.Equal("pending", await host.StatusOfAsync(id));

        // The same session with the page's token may write: the refusal above was the missing token, nothing else.
        var withToken = await page.APIRequest.PostAsync($"/api/review/{id}/skip", new()
        {
            DataObject = new { }, Headers = new Dictionary<string, string> { ["RequestVerificationToken"] = await AccountsHost.AntiforgeryTokenAsync(page) },
        });
        Assert.Equal(200, withToken.Status);

        var machine = await host.Host.Api.PostAsJsonAsync($"/api/review/{id}/reject", new { reason = "rejected by a script" });
        Assert.Equal(HttpStatusCode.OK, machine.StatusCode);
        var audit = await host.Host.Api.GetFromJsonAsync<JsonObject>("/api/audit?subject=" + id);
        var reject = audit!["entries"]!.AsArray().Single(e => (string?)e!["action"] == "reject");
        Assert.Equal("machine", (string?)reject!["actor"]);
    }

    [Fact]
    public async Task Only_a_key_that_acts_for_users_may_name_the_person()
    {
        var id = await host.TakePendingCandidateAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/review/{id}/reject")
        {
            Content = JsonContent.Create(new { reason = "impersonation attempt" }),
        };
        request.Headers.Add(ActingFor.Header, "admin user mallory");
        Assert.Equal(HttpStatusCode.OK, (await host.Host.Api.SendAsync(request)).StatusCode);
        var audit = await host.Host.Api.GetFromJsonAsync<JsonObject>("/api/audit?subject=" + id);
        Assert.Equal("machine", (string?)audit!["entries"]![0]!["actor"]);
    }
}
