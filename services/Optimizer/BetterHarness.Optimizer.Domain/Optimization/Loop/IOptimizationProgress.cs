namespace BetterHarness.Optimizer.Domain.Optimization.Loop;

/// <summary>Receives the loop's progress as it happens (the service turns it into bus events).</summary>
public interface IOptimizationProgress
{
    Task ReportAsync(OptimizationProgressUpdate update, CancellationToken cancellationToken);
}

/// <param name="Stage"><c>estimate</c>, <c>baseline</c>, <c>diagnose</c>, <c>propose</c>, <c>validate</c>, <c>holdout</c>, <c>decided</c>,
/// <c>confirm</c> (the final version against the baseline on fresh trials), <c>stopped</c>.</param>
/// <param name="Iteration">0 for the baseline.</param>
/// <param name="Done">Cases evaluated so far in this stage, with <paramref name="Total"/>, when the stage evaluates.</param>
public sealed record OptimizationProgressUpdate(string Stage, int Iteration, string Message, int? Done = null, int? Total = null,
    double? OptimizationPassRate = null);
