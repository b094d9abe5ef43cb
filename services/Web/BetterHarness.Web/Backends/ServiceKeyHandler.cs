using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.Web.Backends;

/// <summary>
/// Authenticates the web service to one backend and names the person it acts for. A service in this process is
/// called with the process's in-process key; a remote one with the configured key that may act for users
/// (<c>BetterHarness:Security:ApiKeys:N:ActsForUsers=true</c>), else the first configured key. The signed-in
/// actor goes in <see cref="ActingFor.Header"/>; the backend honours it only from a key that may act for users and
/// then records and authorises that person (see docs/web-ui.md, "How the actor travels").
/// </summary>
public sealed class ServiceKeyHandler(string service, ServiceDirectory directory, ApiKeyRegistry keys, IHttpContextAccessor http) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = directory.IsInProcess(service) ? keys.InProcessKey : keys.DelegatingKey ?? keys.FirstKey;
        if (key is not null) request.Headers.TryAddWithoutValidation("X-Api-Key", key);
        if (http.HttpContext is { } context && Actor.From(context.User) is { } actor)
            request.Headers.TryAddWithoutValidation(ActingFor.Header, ActingFor.Format(actor));
        return base.SendAsync(request, cancellationToken);
    }
}
