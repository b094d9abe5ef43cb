using BetterHarness.Curation.Storage;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Curation.Api;

/// <summary><c>GET /api/audit?actor=&amp;action=&amp;subject=&amp;until=&amp;before=&amp;limit=</c>: who did what to which case or candidate, newest first.</summary>
public static class AuditEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapAuditLog("/api/audit", sp => [sp.GetRequiredService<CurationDatabase>().Database.Open]);
}
