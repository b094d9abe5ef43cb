using BetterHarness.Optimizer.Optimization.Ports;
using BetterHarness.Optimizer.Optimization.Storage;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BetterHarness.Optimizer.Optimization.Api;

/// <summary><c>POST /api/optimizations</c> <c>{agent, snapshotId?, maxIterations?, trials?, model?}</c> → <c>{id}</c>: stored with its command in the outbox.</summary>
public static class StartOptimization
{
    public sealed record Body(string? Agent, string? SnapshotId, int? MaxIterations, int? Trials, string? Model);

    public static IResult Handle(Body? body, HttpContext context, OptimizationRuns runs, IEvaluatorFactory models,
        IOptions<OptimizationOptions> options)
    {
        if (body is null || string.IsNullOrWhiteSpace(body.Agent))
            return ApiError.BadRequest("'agent' is required: the agent whose current harness to optimise");
        var model = string.IsNullOrWhiteSpace(body.Model) ? "simulated" : body.Model.Trim();
        if (!models.IsKnown(model))
            return ApiError.BadRequest($"unknown model '{model}': use \"simulated\" or a model configured under BetterHarness:Models");
        var iterations = body.MaxIterations ?? options.Value.DefaultMaxIterations;
        if (iterations is < 0 or > 100) return ApiError.BadRequest("'maxIterations' must be between 0 and 100");
        var trials = body.Trials ?? options.Value.DefaultTrials;
        if (trials is < 1 or > 20) return ApiError.BadRequest("'trials' must be between 1 and 20");

        var actor = context.RequiredActor();
        var agent = body.Agent.Trim();
        // Stored with its audit entry and its RunOptimization (outbox) in one transaction: the answer never waits for the broker.
        var run = runs.Create(agent, new OptimizationParameters(body.SnapshotId, iterations, trials, model), actor,
            $"agent {agent}, model {model}, {iterations} iterations × {trials} trials");
        return Results.Json(new { id = run.Id, status = run.Status }, statusCode: StatusCodes.Status202Accepted);
    }
}
