using BetterHarness.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace BetterHarness.Optimizer.Optimization.Api;

/// <summary>The optimisation API (paths and fields are used by external checks: keep them).</summary>
public static class OptimizationEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/optimizations");
        group.MapPost("", StartOptimization.Handle).Writes(Role.Curator, "optimization.start");
        group.MapGet("", ListOptimizations.Handle).RequireRole(Role.Viewer);
        group.MapGet("/{id}", GetOptimization.Handle).RequireRole(Role.Viewer);
        group.MapGet("/{id}/report.md", GetOptimization.Markdown).RequireRole(Role.Viewer);
        group.MapGet("/{id}/transcripts/{transcriptId}", GetOptimization.Transcript).RequireRole(Role.Viewer);
        group.MapPost("/{id}/approve", ReviewOptimization.Approve).Writes(Role.Curator, "optimization.approve");
        group.MapPost("/{id}/reject", ReviewOptimization.Reject).Writes(Role.Curator, "optimization.reject");
    }
}
