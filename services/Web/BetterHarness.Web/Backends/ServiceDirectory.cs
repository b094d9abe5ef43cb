using BetterHarness.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace BetterHarness.Web.Backends;

/// <summary>
/// Where each backend service is: the configured base URL, else (when the service is hosted in this process)
/// this process's own API listener. Start-up validation (<see cref="WebOptionsValidation"/>) guarantees an answer.
/// </summary>
public sealed class ServiceDirectory(IOptions<WebOptions> web, IOptions<HostingOptions> hosting, HostedModules hosted)
{
    public Uri BaseAddress(string service)
    {
        if (web.Value.Services.TryGetValue(service, out var configured)) return new Uri(configured.TrimEnd('/') + "/");
        if (hosted.Contains(service)) return ListenAddress.Parse(hosting.Value.ApiEndpoint, "BetterHarness:ApiEndpoint").ReachableUrl;
        throw new InvalidOperationException($"{WebOptions.Section}:Services:{service} is not configured");
    }

    /// <summary>True when the service runs in this process and is reached on this process's own API listener.</summary>
    public bool IsInProcess(string service) => hosted.Contains(service) && !web.Value.Services.ContainsKey(service);

    /// <summary>True when requests for this service must leave the process (the gateway forwards its paths).</summary>
    public bool IsRemote(string service) => !hosted.Contains(service) && web.Value.Services.ContainsKey(service);
}
