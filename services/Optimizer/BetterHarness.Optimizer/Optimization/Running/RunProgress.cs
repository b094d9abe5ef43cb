using BetterHarness.Contracts;
using BetterHarness.Optimizer.Domain.Optimization.Loop;
using BetterHarness.Optimizer.Optimization.Storage;
using MassTransit;

namespace BetterHarness.Optimizer.Optimization.Running;

/// <summary>The loop's progress: the last line is stored on the run; step changes go out as <see cref="OptimizationProgressed"/>.</summary>
public sealed class RunProgress(string optimizationId, OptimizationRuns runs, IPublishEndpoint bus, TimeProvider clock) : IOptimizationProgress
{
    private string? _lastStage;

    public async Task ReportAsync(OptimizationProgressUpdate update, CancellationToken cancellationToken)
    {
        var line = update.Iteration == 0 ? $"{update.Stage}: {update.Message}" : $"iteration {update.Iteration} {update.Stage}: {update.Message}";
        runs.Progress(optimizationId, line);
        // Per-chunk counts only update the stored line; the bus hears each step once, not each chunk.
        var step = $"{update.Stage}/{update.Iteration}";
        if (update.Done is not null && step == _lastStage) return;
        _lastStage = step;
        await bus.Publish(new OptimizationProgressed
        {
            OptimizationId = optimizationId, Stage = update.Stage, Iteration = update.Iteration, Message = update.Message,
            OptimizationPassRate = update.OptimizationPassRate, At = clock.GetUtcNow(),
        }, cancellationToken);
    }
}
