using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Web.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.Web.Hosting;

/// <summary>
/// Cross-site request forgery protection for every write a browser can make, on every endpoint of the process
/// (pages and every service's JSON API alike): a POST/PUT/PATCH/DELETE signed in by the session cookie must carry
/// the antiforgery token (form field <c>__RequestVerificationToken</c> or header <c>RequestVerificationToken</c>,
/// which the layout gives htmx), else 400. Requests with an API key carry no ambient credential and are exempt. In
/// open mode (loopback, no accounts) a browser write from another site or another port of this host
/// (<c>Sec-Fetch-Site: cross-site</c> / <c>same-site</c>) is refused, so a web page cannot drive the local admin either.
/// </summary>
public sealed class RequestForgeryGuard(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            await next(context);
            return;
        }
        var identity = context.User.Identity;
        if (identity?.AuthenticationType == WebSignIn.Scheme)
        {
            try
            {
                await antiforgery.ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                await RefuseAsync(context, "this write needs the page's antiforgery token (form field __RequestVerificationToken or header RequestVerificationToken); reload the page and try again");
                return;
            }
        }
        else if (Actor.From(context.User)?.Kind == ActorKinds.Local && IsCrossSite(request))
        {
            await RefuseAsync(context, "a write from another site is refused");
            return;
        }
        await next(context);
    }

    /// <summary>
    /// What the browser says about where a request comes from (<c>Sec-Fetch-Site</c>, set by the browser and not by
    /// page script). Not <c>Origin</c>: under <c>Referrer-Policy: no-referrer</c> browsers send <c>Origin: null</c> even
    /// for this site's own forms. Clients that are not browsers send no such header and are not affected.
    /// </summary>
    private static bool IsCrossSite(HttpRequest request) =>
        request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site";

    private static Task RefuseAsync(HttpContext context, string error)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.Response.WriteAsJsonAsync(new { error });
    }
}
