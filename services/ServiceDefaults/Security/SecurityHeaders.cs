using Microsoft.AspNetCore.Http;

namespace BetterHarness.ServiceDefaults.Security;

/// <summary>
/// Headers on every response of every service, errors included (401, 302 to the login, 403, 400 from the host check):
/// a CSP that allows only this origin's files (no inline script or style, no eval), no MIME sniffing, no referrer
/// leaving the site, no framing; and HSTS when the request came over TLS (directly, or through a configured proxy:
/// <see cref="SecurityOptions.TrustedProxies"/>).
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>One year, as browsers' preload lists expect.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            if (context.Request.IsHttps) headers.StrictTransportSecurity = StrictTransportSecurity;
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
