using BetterHarness.EvalCases.Grading;

namespace BetterHarness.Optimizer.Domain.EvalRuns;

/// <summary>How <see cref="EvalRunner"/> runs a suite.</summary>
public sealed record EvalOptions
{
    /// <summary>(case, trial) pairs in flight at once. Default 4; a real endpoint's own limit applies as well.</summary>
    public int MaxParallel { get; init; } = 4;
    /// <summary>Grades <c>llm_judge</c> graders; null = they are reported as not graded.</summary>
    public IRubricJudge? Judge { get; init; }
    /// <summary>Number of the first trial: trials are numbered FirstTrial … FirstTrial + trials − 1. A model with noise draws
    /// it per trial number, so numbers never used before give fresh trials (the optimiser's confirmation). Default 0.</summary>
    public int FirstTrial { get; init; }
    /// <summary>Results already stored (a resumed run): these pairs are not run again and are part of the result.</summary>
    public IReadOnlyCollection<TrialResult> Completed { get; init; } = [];
    /// <summary>Called once per finished (case, trial), concurrently — store it here to make the run resumable.</summary>
    public Func<TrialResult, CancellationToken, ValueTask>? OnTrialCompleted { get; init; }
}
