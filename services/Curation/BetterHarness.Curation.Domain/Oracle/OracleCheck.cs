using System.Text.Json.Nodes;
using BetterHarness.EvalCases.Cases;
using BetterHarness.EvalCases.Grading;

namespace BetterHarness.Curation.Domain.Oracle;

/// <summary>
/// Grades a case against its own expected behaviour with the shared graders (BetterHarness.EvalCases): the run a
/// correct agent would make is <see cref="CaseGrading.ExpectedRun"/> (its expected calls, the correction as its
/// answer). A grader that fails there would fail a correct agent too, so the queue marks it. Two adjustments:
/// <c>no_clarifying_question</c> is not judged on that run (its only text is the user's correction, which may
/// well be a question), and a <c>tool_called</c> grader asserting a free-text argument verbatim (a summary, a
/// message) is marked failing: the recording passes it, but a correct agent words it differently.
/// </summary>
public static class OracleCheck
{
    /// <summary>An asserted string argument with this many words or characters is free text, not an identifier.</summary>
    public const int FreeTextWords = 6;
    public const int FreeTextChars = 60;

    public static OracleResult Run(EvalCase evalCase)
    {
        var verdict = CaseGrading.Grade(evalCase, CaseGrading.ExpectedRun(evalCase));
        var failures = new List<OracleFailure>();
        var notGraded = new List<int>();
        for (var i = 0; i < verdict.Results.Count; i++)
        {
            var grader = evalCase.Graders[i];
            var result = verdict.Results[i];
            if (FreeTextArgument(grader) is { } verbatim) failures.Add(new OracleFailure(i, grader.Type, verbatim));
            else if (result.Status == GraderStatus.NotGraded) notGraded.Add(i);
            else if (result.Status == GraderStatus.Failed && grader.Type != GraderTypes.NoClarifyingQuestion)
                failures.Add(new OracleFailure(i, grader.Type, $"fails the expected behaviour itself: {result.Detail}"));
        }
        return new OracleResult(failures.Count == 0 ? OracleResult.Passed : OracleResult.Failed, failures, notGraded);
    }

    private static string? FreeTextArgument(Grader grader)
    {
        if (grader.Type != GraderTypes.ToolCalled || grader.Arguments is not { } arguments) return null;
        foreach (var (name, value) in arguments)
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && IsFreeText(text))
                return $"asserts the free-text argument '{name}' verbatim (\"{Shorten(text)}\"); a correct agent words it differently — " +
                       "drop it from the grader or judge it with llm_judge";
        return null;
    }

    private static bool IsFreeText(string text) =>
        text.Length > FreeTextChars || text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length >= FreeTextWords;

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";
}
