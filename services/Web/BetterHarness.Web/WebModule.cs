using BetterHarness.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;

namespace BetterHarness.Web;

/// <summary>The web UI. Embedded: served with every other service on the API listener. Distributed: its own process.</summary>
public sealed class WebModule : ServiceModule
{
    public override string Name => "web";

    public override void AddServices(WebApplicationBuilder builder) { }

    public override void MapEndpoints(WebApplication app) { }
}
