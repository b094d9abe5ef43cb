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
        if (hosted.Contains(service)) return SelfAddress(hosting.Value.ApiEndpoint);
        throw new InvalidOperationException($"{WebOptions.Section}:Services:{service} is not configured");
    }

    /// <summary>True when the service runs in this process and is reached on this process's own API listener.</summary>
    public bool IsInProcess(string service) => hosted.Contains(service) && !web.Value.Services.ContainsKey(service);

    /// <summary>True when requests for this service must leave the process (the gateway forwards its paths).</summary>
    public bool IsRemote(string service) => !hosted.Contains(service) && web.Value.Services.ContainsKey(service);

    /// <summary>The API listener as a URL this process can call: a wildcard bind is reached on loopback.</summary>
    public static Uri SelfAddress(string apiEndpoint)
    {
        var listen = ListenAddress.Parse(apiEndpoint, "BetterHarness:ApiEndpoint");
        var host = listen.Address.Equals(System.Net.IPAddress.Any) ? "127.0.0.1"
            : listen.Address.Equals(System.Net.IPAddress.IPv6Any) ? "[::1]"
            : listen.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{listen.Address}]"
            : listen.Address.ToString();
        return new Uri($"http://{host}:{listen.Port}/");
    }
}
