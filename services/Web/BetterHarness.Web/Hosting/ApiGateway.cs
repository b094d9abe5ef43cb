using BetterHarness.Web.Backends;
using Yarp.ReverseProxy.Configuration;

namespace BetterHarness.Web.Hosting;

/// <summary>
/// Distributed mode: the web service is the one front door for API clients too. Every <c>/api/*</c> prefix of a
/// service running in another process is forwarded to it (YARP: streaming, headers, cancellation and
/// hop-by-hop rules handled by a maintained proxy instead of hand-written forwarding). Embedded, nothing is
/// forwarded: every service's endpoints are in this process.
/// </summary>
public static class ApiGateway
{
    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Config(ServiceDirectory directory)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var service in BackendService.All.Where(s => directory.IsRemote(s.Name)))
        {
            clusters.Add(new ClusterConfig
            {
                ClusterId = service.Name,
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    [service.Name] = new() { Address = directory.BaseAddress(service.Name).ToString() },
                },
            });
            routes.AddRange(service.PathPrefixes.Select((prefix, i) => new RouteConfig
            {
                RouteId = $"{service.Name}-{i}",
                ClusterId = service.Name,
                Match = new RouteMatch { Path = prefix + "/{**rest}" },
            }));
            routes.AddRange(service.PathPrefixes.Select((prefix, i) => new RouteConfig
            {
                RouteId = $"{service.Name}-{i}-root",
                ClusterId = service.Name,
                Match = new RouteMatch { Path = prefix },
            }));
        }
        return (routes, clusters);
    }
}
