using BetterHarness.Optimizer.Optimization.Ports;
using BetterHarness.Optimizer.Optimization.Storage;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.Optimizer.Optimization.Api;

/// <summary><c>GET /api/optimizations?agent=&amp;limit=</c> → runs <c>{id, agent, status, createdAt, harnessVersion, model, simulated}</c>, newest first.</summary>
public static class ListOptimizations
{
    public static IResult Handle(string? agent, int? limit, OptimizationRuns runs, IEvaluatorFactory models)
    {
        if (limit is < 1 or > 1000) return ApiError.BadRequest("'limit' must be between 1 and 1000");
        var list = runs.List(string.IsNullOrWhiteSpace(agent) ? null : agent, limit ?? 100)
            .Select(r => new { id = r.Id, agent = r.Agent, status = r.Status, createdAt = r.CreatedAt, harnessVersion = r.HarnessVersion, model = r.Parameters.Model,
                simulated = models.IsSimulated(r.Parameters.Model) })
            .ToList();
        return Results.Json(new { optimizations = list, count = list.Count });
    }
}
