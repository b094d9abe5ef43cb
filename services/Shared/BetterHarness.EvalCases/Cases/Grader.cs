using System.Text.Json.Nodes;

namespace BetterHarness.EvalCases.Cases;

/// <summary>
/// One assertion over a replayed run. <see cref="Type"/> decides which fields apply (see <see cref="GraderTypes"/>).
/// </summary>
public sealed record Grader(string Type, string? Tool = null, JsonObject? Arguments = null, IReadOnlyList<string>? Tools = null,
    string? Text = null, string? Pattern = null, string? Rubric = null)
{
    public static Grader ToolCalled(string tool, JsonObject? arguments = null) => new(GraderTypes.ToolCalled, tool, arguments);
    public static Grader ToolNotCalled(string tool) => new(GraderTypes.ToolNotCalled, tool);
    public static Grader ToolOrder(params IReadOnlyList<string> tools) => new(GraderTypes.ToolOrder, Tools: tools);
    public static Grader NoClarifyingQuestion() => new(GraderTypes.NoClarifyingQuestion);
    public static Grader FinalAnswerContains(string text) => new(GraderTypes.FinalAnswerContains, Text: text);
    public static Grader FinalAnswerMatches(string pattern) => new(GraderTypes.FinalAnswerMatches, Pattern: pattern);
    public static Grader LlmJudge(string rubric) => new(GraderTypes.LlmJudge, Rubric: rubric);
}

/// <summary>The grader types of schema v1.</summary>
public static class GraderTypes
{
    /// <summary>The agent calls <c>tool</c> with at least these scalar top-level arguments.</summary>
    public const string ToolCalled = "tool_called";
    /// <summary>The agent never calls <c>tool</c>.</summary>
    public const string ToolNotCalled = "tool_not_called";
    /// <summary>These tools are called in this relative order.</summary>
    public const string ToolOrder = "tool_order";
    /// <summary>The agent's replies ask the user no question.</summary>
    public const string NoClarifyingQuestion = "no_clarifying_question";
    /// <summary>The final answer contains <c>text</c>, case-insensitively.</summary>
    public const string FinalAnswerContains = "final_answer_contains";
    /// <summary>The final answer matches the .NET regex <c>pattern</c>.</summary>
    public const string FinalAnswerMatches = "final_answer_matches";
    /// <summary>A judge model grades the run against <c>rubric</c>; not graded without a judge.</summary>
    public const string LlmJudge = "llm_judge";
}
