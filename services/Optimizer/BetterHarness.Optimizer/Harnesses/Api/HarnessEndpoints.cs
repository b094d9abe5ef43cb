using BetterHarness.Optimizer.Harnesses.Storage;
using BetterHarness.Optimizer.Harnesses.Traces;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BetterHarness.Optimizer.Harnesses.Api;

/// <summary>
/// <c>POST /api/harnesses</c>, <c>POST /api/harnesses/from-traces</c>, <c>GET /api/harnesses</c> (agents),
/// <c>GET /api/harnesses/{agent}/versions</c>, <c>GET /api/harnesses/{agent}/versions/{v}</c> (with the diff to its
/// parent), <c>POST /api/harnesses/{agent}/versions/{v}/current</c> (admin) and <c>GET /api/harness/current?agent=</c>
/// (ETag / 304 for cheap polling).
/// </summary>
public static class HarnessEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/harnesses", Create).Writes(Role.Curator, "harness.create");
        app.MapPost("/api/harnesses/from-traces", FromTraces).Writes(Role.Curator, "harness.create");
        app.MapGet("/api/harnesses", (HarnessStore store) => Results.Json(new { agents = store.Agents() })).RequireRole(Role.Viewer);
        app.MapGet("/api/harnesses/{agent}/versions", List).RequireRole(Role.Viewer);
        app.MapGet("/api/harnesses/{agent}/versions/{version:int}", Get).RequireRole(Role.Viewer);
        app.MapPost("/api/harnesses/{agent}/versions/{version:int}/current", MakeCurrent).Writes(Role.Admin, "harness.current");
        app.MapGet("/api/harness/current", Current).RequireRole(Role.Viewer);
    }

    private static IResult Create(CreateHarnessRequest? request, HttpContext context, HarnessStore store, HarnessDatabase audit, TimeProvider clock)
    {
        if (request is null) return Results.BadRequest(new { error = "a JSON body {agent, instructions, tools, model?} is required" });
        var (document, error) = request.ToDocument();
        if (document is null) return Results.BadRequest(new { error });
        try
        {
            var actor = context.RequiredActor();
            var (version, created) = store.Create(request.Agent!.Trim(), document, request.Parent, actor.Name, request.Reason ?? "created through the API");
            if (created) AuditLog.Write(audit.Database, actor, "harness.create", version.HarnessId, $"version {version.Version}: {version.Reason}", clock.GetUtcNow());
            else AuditScope.NothingChanged();
            var body = new { harnessId = version.HarnessId, version = version.Version, created };
            return created ? Results.Created($"/api/harnesses/{Uri.EscapeDataString(version.Agent)}/versions/{version.Version}", body) : Results.Ok(body);
        }
        catch (ArgumentException ex) { return Results.BadRequest(new { error = ex.Message }); }
    }

    private static async Task<IResult> FromTraces(FromTracesRequest? request, HttpContext context, TraceHarnessSource source, HarnessStore store,
        HarnessDatabase audit, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request?.Agent)) return Results.BadRequest(new { error = "agent is required" });
        if (TextLimits.Check("agent", request.Agent, TextLimits.Name) is { } tooLong) return Results.BadRequest(new { error = tooLong });
        if (request.Limit is < 1 or > 2000) return Results.BadRequest(new { error = "limit must be 1..2000" });
        var derived = await source.DeriveAsync(request.Agent, request.Limit ?? 200, ct);
        if (derived.Document is null)
            return Results.NotFound(new { error = $"no trace of agent '{request.Agent}' among the newest {derived.TracesRead} carries system instructions or tool definitions" });
        var actor = context.RequiredActor();
        var (version, created) = store.Create(request.Agent, derived.Document, null, actor.Name, $"derived from {derived.TracesUsed} production trace(s)");
        if (created) AuditLog.Write(audit.Database, actor, "harness.create", version.HarnessId, $"version {version.Version}: {version.Reason}", clock.GetUtcNow());
        else AuditScope.NothingChanged();
        return Results.Json(new { harnessId = version.HarnessId, version = version.Version, created, tracesUsed = derived.TracesUsed,
            tools = derived.Document.Tools.Count }, statusCode: created ? 201 : 200);
    }

    private static IResult List(string agent, HarnessStore store)
    {
        var current = store.Current(agent)?.Version.Version;
        var versions = store.List(agent);
        return versions.Count == 0
            ? Results.NotFound(new { error = $"agent '{agent}' has no harness versions" })
            : Results.Json(new { agent, current, versions = versions.Select(v => HarnessViews.Summary(v, current)) });
    }

    private static IResult Get(string agent, int version, HarnessStore store)
    {
        if (store.Get(agent, version) is not { } v) return Results.NotFound(new { error = $"agent '{agent}' has no version {version}" });
        var parent = v.ParentVersion is { } p ? store.Get(agent, p) : null;
        return Results.Json(HarnessViews.Full(v, store.Current(agent)?.Version.Version, parent));
    }

    private static IResult MakeCurrent(string agent, int version, HttpContext context, HarnessStore store) =>
        store.MakeCurrent(agent, version, context.RequiredActor())
            ? Results.Json(new { agent, current = version })
            : Results.NotFound(new { error = $"agent '{agent}' has no version {version}" });

    private static IResult Current(HttpContext context, HarnessStore store, BetterHarness.Optimizer.Rollouts.RolloutStore rollouts)
    {
        var agent = context.Request.Query["agent"].ToString();
        if (agent.Length == 0) return Results.BadRequest(new { error = "agent is required: /api/harness/current?agent=NAME" });
        if (store.Current(agent) is not { } current) return Results.NotFound(new { error = $"agent '{agent}' has no current harness" });
        // With a unit (a user or conversation id) and a canary running, the unit's sticky arm decides what is served;
        // without one, exactly the current version as before.
        if (context.Request.Query["unit"].ToString() is { Length: > 0 } unit && rollouts.RunningFor(agent) is { } rollout
            && BetterHarness.Optimizer.Rollouts.RolloutStore.InCanary(rollout, unit) && store.Get(agent, rollout.Version) is { } canary)
            current = new CurrentHarness(canary, rollout.StartedAt, rollout.StartedBy);
        context.Response.Headers.ETag = current.ETag;
        context.Response.Headers.CacheControl = "no-cache";
        return context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == current.ETag || t.Trim() == "*"))
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Json(HarnessViews.Served(current));
    }
}
