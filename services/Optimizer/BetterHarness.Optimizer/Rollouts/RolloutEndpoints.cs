using BetterHarness.Optimizer.Harnesses.Storage;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BetterHarness.Optimizer.Rollouts;

/// <summary>
/// <c>POST /api/harnesses/{agent}/rollouts</c> <c>{version, share}</c> (start a canary), <c>GET …/rollouts</c> (newest first,
/// each with the monitor's last look and its audit history), <c>POST …/rollouts/{id}/promote</c> and <c>…/rollback</c>
/// <c>{reason}</c>. Curators and admins; every step is audited in the transaction that makes it.
/// </summary>
public static class RolloutEndpoints
{
    public sealed record StartBody(int? Version, double? Share);

    public sealed record DecisionBody(string? Reason);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/harnesses/{agent}/rollouts", Start).Writes(Role.Curator, "rollout.start");
        app.MapGet("/api/harnesses/{agent}/rollouts", List).RequireRole(Role.Viewer);
        app.MapPost("/api/harnesses/{agent}/rollouts/{id}/promote", Promote).Writes(Role.Curator, "rollout.promote");
        app.MapPost("/api/harnesses/{agent}/rollouts/{id}/rollback", Rollback).Writes(Role.Curator, "rollout.rollback");
    }

    private static IResult Start(string agent, StartBody? body, HttpContext context, RolloutStore rollouts)
    {
        if (body?.Version is not { } version || version < 1) return Results.BadRequest(new { error = "version is required: {\"version\": 2, \"share\": 0.1}" });
        if (body.Share is not { } share || double.IsNaN(share) || share <= 0 || share >= 1)
            return Results.BadRequest(new { error = "share must be a fraction of units between 0 and 1 (exclusive), e.g. 0.1 for 10%" });
        var (rollout, error) = rollouts.Start(agent, version, share, context.RequiredActor());
        return error switch
        {
            RolloutStore.StartError.UnknownVersion => Results.NotFound(new { error = $"agent '{agent}' has no version {version}" }),
            RolloutStore.StartError.NoCurrent => Results.Conflict(new { error = $"agent '{agent}' has no current version to compare the canary with" }),
            RolloutStore.StartError.AlreadyCurrent => Results.Conflict(new { error = $"version {version} is already current for '{agent}'" }),
            RolloutStore.StartError.Running => Results.Conflict(new { error = $"agent '{agent}' already has a canary running: promote or roll it back first" }),
            _ => Results.Json(RolloutViews.Of(rollout!, []), statusCode: StatusCodes.Status201Created),
        };
    }

    private static IResult List(string agent, RolloutStore rollouts) =>
        Results.Json(new { agent, rollouts = rollouts.List(agent).Select(r => RolloutViews.Of(r, rollouts.History(r.Id))) });

    private static IResult Promote(string agent, string id, DecisionBody? body, HttpContext context, RolloutStore rollouts) =>
        Decide(agent, id, Rollout.Promoted, string.IsNullOrWhiteSpace(body?.Reason) ? "promoted by hand" : body.Reason.Trim(), context, rollouts);

    private static IResult Rollback(string agent, string id, DecisionBody? body, HttpContext context, RolloutStore rollouts)
    {
        if (string.IsNullOrWhiteSpace(body?.Reason)) return Results.BadRequest(new { error = "'reason' is required: say why the canary is rolled back" });
        if (body.Reason.Length > 2000) return Results.BadRequest(new { error = "'reason' is longer than 2000 characters" });
        return Decide(agent, id, Rollout.RolledBack, body.Reason.Trim(), context, rollouts);
    }

    private static IResult Decide(string agent, string id, string state, string reason, HttpContext context, RolloutStore rollouts)
    {
        if (rollouts.Get(id) is not { } rollout || rollout.Agent != agent) return Results.NotFound(new { error = $"agent '{agent}' has no rollout {id}" });
        if (!rollouts.End(id, state, context.RequiredActor(), reason))
            return Results.Conflict(new { error = $"rollout {id} is {rollouts.Get(id)?.State}: only a running canary can be promoted or rolled back" });
        return Results.Json(RolloutViews.Of(rollouts.Get(id)!, rollouts.History(id)));
    }
}

/// <summary>The JSON shape of a rollout.</summary>
public static class RolloutViews
{
    public static object Of(Rollout r, IReadOnlyList<AuditEntry> history) => new
    {
        id = r.Id, agent = r.Agent, version = r.Version, baselineVersion = r.BaselineVersion, share = r.Share, state = r.State,
        startedAt = r.StartedAt, startedBy = r.StartedBy, decidedAt = r.DecidedAt, decidedBy = r.DecidedBy, reason = r.Reason,
        checkedAt = r.CheckedAt, lastCheck = r.LastCheck,
        history = history.Select(h => new { at = h.At, actor = h.Actor, action = h.Action, detail = h.Detail }),
    };
}
