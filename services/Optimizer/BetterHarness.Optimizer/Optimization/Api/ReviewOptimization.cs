using BetterHarness.Contracts;
using BetterHarness.Optimizer.Optimization.Storage;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.Optimizer.Optimization.Api;

/// <summary>
/// <c>POST /api/optimizations/{id}/approve</c> (its harness version becomes current and <see cref="HarnessVersionApproved"/>
/// leaves through the outbox, in one transaction: <see cref="OptimizationDecisions"/>) and
/// <c>POST /api/optimizations/{id}/reject</c> <c>{reason}</c>. Curators and admins; with accounts configured, not the
/// person who started the run (nor a key of theirs). Each decision is in the audit log.
/// </summary>
public static class ReviewOptimization
{
    public sealed record RejectBody(string? Reason);

    public static IResult Approve(string id, HttpContext context, OptimizationRuns runs, OptimizationDecisions decisions, SecurityMode mode)
    {
        var actor = context.RequiredActor();
        if (Check(id, runs, actor, mode) is { } refused) return refused;
        var (approval, error) = decisions.Approve(id, actor);
        if (approval is null) return ApiError.Conflict(error!);
        return Results.Json(new { id, status = OptimizationStatus.Approved, agent = approval.Agent, harnessVersion = approval.Version });
    }

    public static IResult Reject(string id, RejectBody? body, HttpContext context, OptimizationRuns runs, SecurityMode mode)
    {
        if (string.IsNullOrWhiteSpace(body?.Reason)) return ApiError.BadRequest("'reason' is required: say why the version is rejected");
        if (TextLimits.Check("reason", body.Reason, TextLimits.Reason) is { } tooLong) return ApiError.BadRequest(tooLong);
        var actor = context.RequiredActor();
        if (Check(id, runs, actor, mode) is { } refused) return refused;
        return runs.Reject(id, actor, body.Reason.Trim())
            ? Results.Json(new { id, status = OptimizationStatus.Rejected, reason = body.Reason.Trim() })
            : ApiError.Conflict($"optimisation {id} was decided meanwhile");
    }

    private static IResult? Check(string id, OptimizationRuns runs, Actor actor, SecurityMode mode)
    {
        if (runs.Get(id) is not { } run) return ApiError.NotFound(id);
        if (run.Status != OptimizationStatus.AwaitingReview || run.HarnessVersion is null)
            return ApiError.Conflict($"optimisation {id} is {run.Status}: only a run awaiting review can be approved or rejected");
        // Four eyes once people have accounts: whoever started the run does not sign it off, and neither does a key of
        // theirs (principals, not names, are compared). A loopback install without accounts has one local admin, who must decide.
        if (!mode.Open && actor.SamePersonAs(run.RequestedPrincipal ?? run.RequestedBy))
            return ApiError.Forbidden($"{actor.Principal} started optimisation {id} and cannot decide it: another curator or admin must review it");
        return null;
    }
}
