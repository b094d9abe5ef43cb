using BetterHarness.Contracts;
using BetterHarness.Optimizer.Optimization.Ports;
using BetterHarness.Optimizer.Optimization.Storage;
using BetterHarness.ServiceDefaults.Security;
using MassTransit;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.Optimizer.Optimization.Api;

/// <summary>
/// <c>POST /api/optimizations/{id}/approve</c> (its harness version becomes current, <see cref="HarnessVersionApproved"/>
/// is published) and <c>POST /api/optimizations/{id}/reject</c> <c>{reason}</c>. Curators and admins; with accounts
/// configured, not the person who started the run. Each decision is in the audit log.
/// </summary>
public static class ReviewOptimization
{
    public sealed record RejectBody(string? Reason);

    public static async Task<IResult> Approve(string id, HttpContext context, OptimizationRuns runs, IHarnessVersions harnesses,
        SecurityMode mode, IPublishEndpoint bus, TimeProvider clock)
    {
        var actor = context.RequiredActor();
        if (Check(id, runs, actor, mode) is { } refused) return refused;
        var run = runs.Get(id)!;
        var previous = await harnesses.CurrentAsync(run.Agent, context.RequestAborted);
        await harnesses.MakeCurrentAsync(run.Agent, run.HarnessVersion!.Value, actor.Name, context.RequestAborted);
        if (!runs.Decide(id, actor, approve: true, null, null)) return ApiError.Conflict($"optimisation {id} was decided meanwhile");
        await bus.Publish(new HarnessVersionApproved
        {
            Agent = run.Agent, Version = run.HarnessVersion.Value, PreviousVersion = previous?.Version, OptimizationId = id,
            ApprovedBy = actor.Name, At = clock.GetUtcNow(),
        }, context.RequestAborted);
        return Results.Json(new { id, status = OptimizationStatus.Approved, agent = run.Agent, harnessVersion = run.HarnessVersion });
    }

    public static IResult Reject(string id, RejectBody? body, HttpContext context, OptimizationRuns runs, SecurityMode mode)
    {
        if (string.IsNullOrWhiteSpace(body?.Reason)) return ApiError.BadRequest("'reason' is required: say why the version is rejected");
        var actor = context.RequiredActor();
        if (Check(id, runs, actor, mode) is { } refused) return refused;
        return runs.Decide(id, actor, approve: false, body.Reason.Trim(), null)
            ? Results.Json(new { id, status = OptimizationStatus.Rejected, reason = body.Reason.Trim() })
            : ApiError.Conflict($"optimisation {id} was decided meanwhile");
    }

    private static IResult? Check(string id, OptimizationRuns runs, Actor actor, SecurityMode mode)
    {
        if (runs.Get(id) is not { } run) return ApiError.NotFound(id);
        if (run.Status != OptimizationStatus.AwaitingReview || run.HarnessVersion is null)
            return ApiError.Conflict($"optimisation {id} is {run.Status}: only a run awaiting review can be approved or rejected");
        // Four eyes once people have accounts: whoever started the run does not sign it off. A loopback install
        // without accounts has one local admin, who must be able to decide.
        if (!mode.Open && string.Equals(actor.Name, run.RequestedBy, StringComparison.Ordinal))
            return ApiError.Forbidden($"{actor.Name} started optimisation {id} and cannot decide it: another curator or admin must review it");
        return null;
    }
}
