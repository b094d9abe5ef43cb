using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.EvalCases.Grading;

namespace BetterHarness.Optimizer.Domain.Agents;

/// <summary>What the graders look at in a transcript: its tool calls in order and the assistant's texts.</summary>
public static class TranscriptGrading
{
    public static GradedRun ToGradedRun(Transcript transcript) => new(
        transcript.Messages.Where(m => m.ToolCalls is not null).SelectMany(m => m.ToolCalls!)
            .Select(c => new RunToolCall(c.Name, ParseArguments(c.Arguments))).ToList(),
        transcript.Messages.Where(m => m.Role == "assistant" && !string.IsNullOrEmpty(m.Text)).Select(m => m.Text!).ToList());

    private static JsonNode? ParseArguments(string arguments)
    {
        try { return JsonNode.Parse(arguments); }
        catch (JsonException) { return JsonValue.Create(arguments); }
    }
}
