using BetterHarness.EvalCases.Cases;
using BetterHarness.EvalCases.Grading;
using BetterHarness.Optimizer.Domain.Agents;

namespace BetterHarness.Optimizer.Domain.EvalRuns;

/// <summary>One (case, trial): whether it passed, every grader's outcome, and the transcript.</summary>
public sealed record TrialResult(string CaseId, int Trial, bool Passed, IReadOnlyList<GraderResult> Graders, Transcript Transcript);

/// <summary>A case's trials; its pass rate is the share of trials that passed.</summary>
public sealed record CaseResult(EvalCase Case, IReadOnlyList<TrialResult> Trials)
{
    public double PassRate => Trials.Count == 0 ? 0 : Trials.Count(t => t.Passed) / (double)Trials.Count;
}

/// <summary>What <see cref="EvalRunner.EvaluateAsync"/> returns: per case, per trial, in the order of the cases given.</summary>
public sealed record EvalResult(string Model, bool Simulated, IReadOnlyList<CaseResult> Cases)
{
    /// <summary>Mean of the cases' pass rates (each case weighs the same whatever its trial count).</summary>
    public double PassRate => Cases.Count == 0 ? 0 : Cases.Average(c => c.PassRate);
    public long InputTokens => Cases.Sum(c => c.Trials.Sum(t => t.Transcript.InputTokens));
    public long OutputTokens => Cases.Sum(c => c.Trials.Sum(t => t.Transcript.OutputTokens));
}
