using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace BetterHarness.Ingest.Retention;

/// <summary>
/// <c>GET /api/traces/retention</c> (the settings and the last pass) and <c>POST /api/traces/retention</c> (run a pass
/// now and answer with what it did; admin).
/// </summary>
public static class RetentionEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/traces/retention", (IOptions<RetentionOptions> options, RetentionWorker worker) =>
            Results.Json(new { days = options.Value.Traces, agents = options.Value.Agents, lastPass = worker.LastPass }));
        app.MapPost("/api/traces/retention", async (RetentionWorker worker, CancellationToken ct) => Results.Json(await worker.RunAsync(ct)))
            // Runs now what the configured policy runs every interval anyway; the pass is logged with its figures.
            .WritesUnaudited(Role.Admin, "runs the configured retention policy early; logged, not audited (ingest keeps no audit log)");
    }
}
