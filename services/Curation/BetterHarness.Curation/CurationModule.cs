using BetterHarness.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;

namespace BetterHarness.Curation;

/// <summary>The curation service: candidates → review queue → accepted eval cases, versioned, snapshotted, split.</summary>
public sealed class CurationModule : ServiceModule
{
    public override string Name => "curation";

    public override void AddServices(WebApplicationBuilder builder) { }

    public override void MapEndpoints(WebApplication app) { }
}
