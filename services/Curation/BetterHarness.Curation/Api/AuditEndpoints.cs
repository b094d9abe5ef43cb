using BetterHarness.Curation.Storage;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BetterHarness.Curation.Api;

/// <summary><c>GET /api/audit?actor=&amp;action=&amp;subject=&amp;before=&amp;limit=</c>: who did what to which case or candidate, newest first.</summary>
public static class AuditEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", List).AddEndpointFilter<ApiErrors>().RequireRole(Role.Viewer);
    }

    private static IResult List(HttpRequest request, CurationDatabase db)
    {
        long? before = ApiErrors.Query(request, "before") is { } b
            ? long.TryParse(b, out var n) ? n : throw new Domain.Cases.CaseFormatException("before must be an entry id") : null;
        using var c = db.Database.Open();
        var entries = AuditLog.List(c, ApiErrors.Query(request, "actor"), ApiErrors.Query(request, "action"), ApiErrors.Query(request, "subject"),
            before, ApiErrors.Limit(request, 100, 10_000));
        return Results.Json(new { entries });
    }
}
