namespace BetterHarness.Optimizer.Domain.Optimization.Proposals;

/// <summary>Grader types of the eval case schema (docs/eval-case-schema.md) the rules recognise.</summary>
public static class GraderNames
{
    public const string ToolCalled = "tool_called";
    public const string ToolNotCalled = "tool_not_called";
    public const string ToolOrder = "tool_order";
    public const string NoClarifyingQuestion = "no_clarifying_question";
    public const string FinalAnswerContains = "final_answer_contains";
    public const string FinalAnswerMatches = "final_answer_matches";
    public const string LlmJudge = "llm_judge";
}
