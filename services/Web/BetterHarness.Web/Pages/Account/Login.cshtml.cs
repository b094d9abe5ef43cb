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
public sealed class LoginModel(UserStore users, SecurityMode mode) : PageModel
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
        if (string.IsNullOrWhiteSpace(Name) || Request.Form["password"].ToString() is not { Length: > 0 } password
            || users.Verify(Name.Trim(), password) is not { } account)
        {
            Error = "Wrong name or password (or the account is disabled).";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await HttpContext.SignInAsync(WebSignIn.Scheme, WebSignIn.Principal(account), new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) && !url.StartsWith("/login", StringComparison.OrdinalIgnoreCase) ? url : "/");
    }
}
