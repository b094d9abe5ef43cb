using System.Net;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.ServiceDefaults.Security;

namespace BetterHarness.Mining.Labels;

/// <summary>Where ingest's API is: <c>BetterHarness:Mining:IngestUrl</c>, else this process's own API listener (embedded mode).</summary>
public static class IngestEndpoint
{
    public static void Configure(HttpClient http, MiningOptions options, HostingOptions hosting, ServiceCredentials credentials)
    {
        http.BaseAddress = BaseAddress(options, hosting);
        if (credentials.KeyFor(http.BaseAddress, options.IngestApiKey) is { } key) http.DefaultRequestHeaders.Add("X-Api-Key", key);
    }

    public static Uri BaseAddress(MiningOptions options, HostingOptions hosting)
    {
        if (options.IngestUrl is { Length: > 0 } url) return new Uri(url.EndsWith('/') ? url : url + "/");
        return ListenAddress.Parse(hosting.ApiEndpoint, "BetterHarness:ApiEndpoint").ReachableUrl;
    }
}
