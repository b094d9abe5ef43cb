using System.Security.Claims;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Web.Accounts;

/// <summary>
/// Cookie sign-in for people. The cookie is HttpOnly, SameSite=Strict, Secure when the request came over TLS, lives
/// 8 hours (sliding), and carries only a name and a server-side session id: every request looks the session up in the
/// users store and takes the role from the account as it is now. Signing out, removing the account, or changing its
/// role, password or disabled flag deletes the session rows, so a copied cookie stops working at once, and a name
/// added again never revives an old cookie. Browsers asking for a page are sent to <c>/login</c>; API and htmx callers
/// get 401/403 as JSON.
/// </summary>
public static class WebSignIn
{
    public const string Scheme = "BetterHarness.Cookie";
    public const string StampClaim = "bh:stamp";
    public const string SessionClaim = "bh:session";

    /// <summary>How long a session lives without a request (the cookie's sliding lifetime too).</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromHours(8);

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
            o.ExpireTimeSpan = IdleLimit;
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

    /// <summary>The principal of <paramref name="account"/> in session <paramref name="session"/> (<see cref="UserStore.StartSession"/>).</summary>
    public static ClaimsPrincipal Principal(UserAccount account, string session)
    {
        var principal = new Actor(account.Name, account.Role, ActorKinds.User).ToPrincipal(Scheme);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(StampClaim, account.Stamp.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(SessionClaim, session));
        return principal;
    }

    /// <summary>Signs <paramref name="account"/> in: a new server-side session and its cookie.</summary>
    public static Task SignInAsync(HttpContext context, UserStore users, UserAccount account) =>
        context.SignInAsync(Scheme, Principal(account, users.StartSession(account)), new AuthenticationProperties { IsPersistent = false });

    /// <summary>Ends the request's session on the server and clears its cookie.</summary>
    public static async Task SignOutAsync(HttpContext context, UserStore users)
    {
        var session = await context.AuthenticateAsync(Scheme);
        if (session.Principal?.FindFirst(SessionClaim)?.Value is { } id) users.EndSession(id);
        await context.SignOutAsync(Scheme);
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
        var name = context.Principal?.Identity?.Name;
        if (name is not null && context.Principal?.FindFirst(SessionClaim)?.Value is { } session
            && users.FindSession(session, IdleLimit) is { } account && string.Equals(account.Name, name, StringComparison.OrdinalIgnoreCase))
        {
            // The role (and name spelling) as the store has them now, not as they were at sign-in.
            context.ReplacePrincipal(Principal(account, session));
            return;
        }
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
