using System.Text.Json.Nodes;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>
/// One assertion over the agent's replayed run. <see cref="Type"/> decides which fields apply:
/// <c>tool_called</c> (Tool, Arguments = required subset), <c>tool_not_called</c> (Tool),
/// <c>tool_order</c> (Tools, in this relative order), <c>no_clarifying_question</c>,
/// <c>final_answer_contains</c> (Text, case-insensitive), <c>final_answer_matches</c> (Pattern, .NET regex),
/// <c>llm_judge</c> (Rubric; optional, needs a judge model).
/// </summary>
public sealed record Grader(string Type, string? Tool = null, JsonObject? Arguments = null, IReadOnlyList<string>? Tools = null,
    string? Text = null, string? Pattern = null, string? Rubric = null)
{
    public static Grader ToolCalled(string tool, JsonObject arguments) => new(GraderTypes.ToolCalled, tool, arguments);
    public static Grader ToolNotCalled(string tool) => new(GraderTypes.ToolNotCalled, tool);
    public static Grader ToolOrder(IReadOnlyList<string> tools) => new(GraderTypes.ToolOrder, Tools: tools);
    public static Grader NoClarifyingQuestion() => new(GraderTypes.NoClarifyingQuestion);
    public static Grader FinalAnswerContains(string text) => new(GraderTypes.FinalAnswerContains, Text: text);
    public static Grader LlmJudge(string rubric) => new(GraderTypes.LlmJudge, Rubric: rubric);
}

public static class GraderTypes
{
    public const string ToolCalled = "tool_called";
    public const string ToolNotCalled = "tool_not_called";
    public const string ToolOrder = "tool_order";
    public const string NoClarifyingQuestion = "no_clarifying_question";
    public const string FinalAnswerContains = "final_answer_contains";
    public const string FinalAnswerMatches = "final_answer_matches";
    public const string LlmJudge = "llm_judge";
}
