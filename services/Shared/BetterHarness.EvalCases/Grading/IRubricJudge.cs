using BetterHarness.EvalCases.Cases;

namespace BetterHarness.EvalCases.Grading;

/// <summary>A judge model that grades a run against an <c>llm_judge</c> rubric.</summary>
public interface IRubricJudge
{
    Task<GraderResult> JudgeAsync(EvalCase evalCase, GradedRun run, string rubric, CancellationToken cancellationToken);
}
