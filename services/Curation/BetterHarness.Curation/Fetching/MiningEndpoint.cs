using System.Net;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.ServiceDefaults.Security;

namespace BetterHarness.Curation.Fetching;

/// <summary>Where mining's API is: <c>BetterHarness:Curation:MiningUrl</c>, else this process's own API listener (embedded mode).</summary>
public static class MiningEndpoint
{
    public static void Configure(HttpClient http, CurationOptions options, HostingOptions hosting, ServiceCredentials credentials)
    {
        http.BaseAddress = BaseAddress(options, hosting);
        if (credentials.KeyFor(http.BaseAddress, options.MiningApiKey) is { } key) http.DefaultRequestHeaders.Add("X-Api-Key", key);
    }

    public static Uri BaseAddress(CurationOptions options, HostingOptions hosting)
    {
        if (options.MiningUrl is { Length: > 0 } url) return new Uri(url.EndsWith('/') ? url : url + "/");
        var own = ListenAddress.Parse(hosting.ApiEndpoint, "BetterHarness:ApiEndpoint");
        var host = own.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : own.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : own.Address;
        return new Uri($"http://{(host.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]" : host.ToString())}:{own.Port}/");
    }
}
