using BetterHarness.EvalCases.Cases;

namespace BetterHarness.EvalCases.Grading;

/// <summary>
/// Runs a case's graders over a run. <see cref="Grade"/> is deterministic and reports every <c>llm_judge</c>
/// as not graded; <see cref="GradeAsync"/> asks the judge for those when one is configured.
/// </summary>
public static class CaseGrading
{
    public static CaseVerdict Grade(EvalCase evalCase, GradedRun run) =>
        new(evalCase.Graders.Select(g => GradeDeterministic(g, run)).ToList());

    public static async Task<CaseVerdict> GradeAsync(EvalCase evalCase, GradedRun run, IRubricJudge? judge, CancellationToken cancellationToken)
    {
        var results = new List<GraderResult>(evalCase.Graders.Count);
        foreach (var grader in evalCase.Graders)
            results.Add(grader.Type == GraderTypes.LlmJudge && judge is not null && !string.IsNullOrWhiteSpace(grader.Rubric)
                ? await judge.JudgeAsync(evalCase, run, grader.Rubric, cancellationToken).ConfigureAwait(false)
                : GradeDeterministic(grader, run));
        return new CaseVerdict(results);
    }

    public static GraderResult GradeDeterministic(Grader grader, GradedRun run) => grader.Type switch
    {
        GraderTypes.ToolCalled => DeterministicGraders.ToolCalled(grader, run),
        GraderTypes.ToolNotCalled => DeterministicGraders.ToolNotCalled(grader, run),
        GraderTypes.ToolOrder => DeterministicGraders.ToolOrder(grader, run),
        GraderTypes.NoClarifyingQuestion => DeterministicGraders.NoClarifyingQuestion(grader, run),
        GraderTypes.FinalAnswerContains => DeterministicGraders.FinalAnswerContains(grader, run),
        GraderTypes.FinalAnswerMatches => DeterministicGraders.FinalAnswerMatches(grader, run),
        GraderTypes.LlmJudge => GraderResult.Skip(grader.Type, "not graded: no judge model is configured"),
        _ => GraderResult.Skip(grader.Type, $"not graded: unknown grader type '{grader.Type}'"),
    };

    /// <summary>
    /// The run a correct agent would make: the case's expected tool calls, and the correction as its answer.
    /// Grading a case against this is the oracle check (a case a correct agent cannot pass is broken).
    /// </summary>
    public static GradedRun ExpectedRun(EvalCase evalCase) => new(
        evalCase.Expected.ToolCalls.Select(c => new RunToolCall(c.Name, c.Arguments)).ToList(),
        evalCase.Expected.Correction is { Length: > 0 } correction ? [correction] : []);
}
