using BetterHarness.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace BetterHarness.Web.Backends;

/// <summary>When API keys are configured, the web service calls the others with the first one.</summary>
public sealed class ServiceKeyHandler(IOptions<HostingOptions> hosting) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (hosting.Value.ApiKeys is [var key, ..]) request.Headers.TryAddWithoutValidation("X-Api-Key", key);
        return base.SendAsync(request, cancellationToken);
    }
}
