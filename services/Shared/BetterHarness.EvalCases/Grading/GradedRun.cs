using System.Text.Json.Nodes;

namespace BetterHarness.EvalCases.Grading;

/// <summary>
/// What graders look at in an agent's run of a case: the tool calls it made, in order, and the text it wrote
/// (every assistant text turn of the run; the last non-empty one is the final answer). Build it from a
/// transcript, or — for an oracle check — from a case's expected calls and correction.
/// </summary>
public sealed record GradedRun(IReadOnlyList<RunToolCall> ToolCalls, IReadOnlyList<string> AssistantTexts)
{
    public string FinalAnswer => AssistantTexts.LastOrDefault(t => !string.IsNullOrWhiteSpace(t)) ?? "";
}

/// <param name="Arguments">The call's arguments as JSON (an object for well-formed calls).</param>
public sealed record RunToolCall(string Name, JsonNode? Arguments);
