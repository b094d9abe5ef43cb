namespace BetterHarness.Optimizer.Domain.Optimization.Diagnosis;

/// <summary>
/// One way the agent goes wrong across failing optimisation cases, read from their transcripts against what the graders
/// wanted: a tool it did not call (and what it called instead), a tool it should not have called, arguments the graders
/// did not accept, an order it broke, a question it should not have asked, facts its answer lacked, the step limit, or
/// outcomes that change from trial to trial.
/// </summary>
/// <param name="Kind">One of <see cref="FailurePatternKinds"/>.</param>
/// <param name="Tool">The tool the pattern is about (wanted, unwanted, called with wrong arguments, or to be called later).</param>
/// <param name="Other">What the agent called instead of <paramref name="Tool"/>, or the tool to call before it.</param>
/// <param name="Trials">Failing trials showing the pattern, over all its cases.</param>
/// <param name="Evidence">One grader detail, as the grader wrote it.</param>
public sealed record FailurePattern(string Kind, string? Tool, string? Other, IReadOnlyList<string> CaseIds, int Trials, string Evidence);

public static class FailurePatternKinds
{
    public const string MissedTool = "missed_tool";
    public const string UnwantedTool = "unwanted_tool";
    public const string WrongArguments = "wrong_arguments";
    public const string BrokenOrder = "broken_order";
    public const string NeedlessQuestion = "needless_question";
    public const string MissingFacts = "missing_facts";
    public const string StepLimit = "step_limit";
    public const string Unstable = "unstable";
}
