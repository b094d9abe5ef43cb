using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Account;

/// <summary>
/// <c>/login</c>: name and password → the session cookie, then back to the page that sent the person here (a local
/// URL only). Reachable without signing in. Without accounts (open mode) it explains how to create the first one.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(UserStore users, SecurityMode mode, SignInThrottle throttle) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Name { get; set; }
    public string? Error { get; private set; }
    public bool OpenMode => mode.Open;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (OpenMode) return Page();
        var name = Name?.Trim() ?? "";
        if (name.Length > TextLimits.Name)
        {
            Error = $"A name is at most {TextLimits.Name} characters.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        if (throttle.TryBegin(name, address) is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            Error = $"Too many failed sign-ins for this account or from this address. Try again in {(seconds == 1 ? "1 second" : seconds < 120 ? $"{seconds} seconds" : $"{(seconds + 59) / 60} minutes")}.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }
        if (name.Length == 0 || Request.Form["password"].ToString() is not { Length: > 0 } password
            || users.Verify(name, password) is not { } account)
        {
            Error = "Wrong name or password (or the account is disabled).";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        throttle.Succeeded(name, address);
        await WebSignIn.SignInAsync(HttpContext, users, account);
        return LocalRedirect(ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) && !url.StartsWith("/login", StringComparison.OrdinalIgnoreCase) ? url : "/");
    }
}
