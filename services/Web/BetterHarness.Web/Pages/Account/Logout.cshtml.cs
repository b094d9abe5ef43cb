using BetterHarness.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Account;

/// <summary><c>POST /logout</c> ends the session (a GET only offers the button, so a link cannot sign anyone out).</summary>
[AllowAnonymous]
public sealed class LogoutModel(UserStore users) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await WebSignIn.SignOutAsync(HttpContext, users);
        return Redirect("/login");
    }
}
