using System.Security.Claims;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Web.Accounts;

/// <summary>
/// Cookie sign-in for people. The cookie is HttpOnly and SameSite=Strict, lives 8 hours (sliding), and is checked
/// against the users store on every request: a disabled, removed or changed account (its stamp moved) is signed
/// out at once. Browsers asking for a page are sent to <c>/login</c>; API and htmx callers get 401/403 as JSON.
/// </summary>
public static class WebSignIn
{
    public const string Scheme = "BetterHarness.Cookie";
    public const string StampClaim = "bh:stamp";

    public static void Add(IServiceCollection services)
    {
        services.Configure<InteractiveSchemeOptions>(o =>
        {
            o.Scheme = Scheme;
            o.AnonymousPaths.Add(StaticAssets.RequestPath);
        });
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "bh_session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.ReturnUrlParameter = "returnUrl";
            o.Events.OnValidatePrincipal = ValidateAsync;
            o.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized,
                "sign in at /login, or send an API key ('Authorization: Bearer <key>' or 'X-Api-Key: <key>')");
            o.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden,
                $"{Actor.From(context.HttpContext.User)?.Name ?? "this caller"} may not do this" +
                (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<RoleRequirement>() is { } r ? $": it needs the {r.Role.Name()} role" : ""));
        });
    }

    /// <summary>The principal a session cookie carries for <paramref name="account"/>.</summary>
    public static ClaimsPrincipal Principal(UserAccount account)
    {
        var principal = new Actor(account.Name, account.Role, ActorKinds.User).ToPrincipal(Scheme);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(StampClaim, account.Stamp.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return principal;
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
        var name = context.Principal?.Identity?.Name;
        var stamp = context.Principal?.FindFirst(StampClaim)?.Value;
        if (name is not null && users.Find(name) is { Disabled: false } account
            && stamp == account.Stamp.ToString(System.Globalization.CultureInfo.InvariantCulture)) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status, string error)
    {
        var request = context.Request;
        var wantsPage = HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal)
                        && !request.Path.StartsWithSegments("/api");
        if (wantsPage && status == StatusCodes.Status401Unauthorized && !request.Headers.ContainsKey("HX-Request"))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        context.Response.StatusCode = status;
        // htmx follows HX-Redirect with a full page load, so an expired session lands on the login page.
        if (request.Headers.ContainsKey("HX-Request") && status == StatusCodes.Status401Unauthorized) context.Response.Headers["HX-Redirect"] = "/login";
        return context.Response.WriteAsJsonAsync(new { error });
    }
}
