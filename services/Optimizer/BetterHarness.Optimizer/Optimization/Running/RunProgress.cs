using BetterHarness.Contracts;
using BetterHarness.Optimizer.Domain.Optimization.Loop;
using BetterHarness.Optimizer.Optimization.Storage;

namespace BetterHarness.Optimizer.Optimization.Running;

/// <summary>The loop's progress: the last line is stored on the run; step changes also go into the outbox as <see cref="OptimizationProgressed"/>.</summary>
public sealed class RunProgress(string optimizationId, OptimizationRuns runs, TimeProvider clock) : IOptimizationProgress
{
    private string? _lastStage;

    public Task ReportAsync(OptimizationProgressUpdate update, CancellationToken cancellationToken)
    {
        var line = update.Iteration == 0 ? $"{update.Stage}: {update.Message}" : $"iteration {update.Iteration} {update.Stage}: {update.Message}";
        // Per-chunk counts only update the stored line; the bus hears each step once, not each chunk.
        var step = $"{update.Stage}/{update.Iteration}";
        var changed = update.Done is null || step != _lastStage;
        _lastStage = step;
        runs.Progress(optimizationId, line, changed ? new OptimizationProgressed
        {
            OptimizationId = optimizationId, Stage = update.Stage, Iteration = update.Iteration, Message = update.Message,
            OptimizationPassRate = update.OptimizationPassRate, At = clock.GetUtcNow(),
        } : null);
        return Task.CompletedTask;
    }
}
