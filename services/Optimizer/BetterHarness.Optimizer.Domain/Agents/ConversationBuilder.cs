using System.Text.Json;
using BetterHarness.EvalCases.Cases;
using BetterHarness.EvalCases.Replay;
using BetterHarness.Optimizer.Domain.Harnesses;
using Microsoft.Extensions.AI;

namespace BetterHarness.Optimizer.Domain.Agents;

/// <summary>
/// The chat the model is given: the harness's instructions as the system message (they replace the ones the
/// case was traced with — that is what is being evaluated), then the case's conversation, with each earlier
/// tool call answered from the recordings so the history reads as production saw it.
/// </summary>
public static class ConversationBuilder
{
    /// <summary>Call ids of calls that came from the case's history rather than from the model.</summary>
    public const string HistoryCallPrefix = "case-";

    public static List<ChatMessage> Build(HarnessDocument harness, EvalCase evalCase, ToolReplay replay)
    {
        var messages = new List<ChatMessage>();
        if (!string.IsNullOrWhiteSpace(harness.Instructions)) messages.Add(new ChatMessage(ChatRole.System, harness.Instructions));
        var index = 0;
        foreach (var message in evalCase.Input.Messages)
        {
            switch (message.Role)
            {
                case "user":
                    messages.Add(new ChatMessage(ChatRole.User, message.Content));
                    break;
                case "assistant":
                    AddAssistant(messages, message, replay, ref index);
                    break;
                // System turns come from the harness; tool turns are re-answered from the recordings above.
            }
        }
        return messages;
    }

    private static void AddAssistant(List<ChatMessage> messages, CaseMessage message, ToolReplay replay, ref int index)
    {
        var contents = new List<AIContent>();
        if (!string.IsNullOrEmpty(message.Content)) contents.Add(new TextContent(message.Content));
        var results = new List<AIContent>();
        foreach (var call in message.ToolCalls ?? [])
        {
            var id = HistoryCallPrefix + index++;
            var arguments = ToolKey.Canonical(call.Arguments);
            contents.Add(new FunctionCallContent(id, call.Name, ToDictionary(arguments)));
            results.Add(new FunctionResultContent(id, replay.Answer(call.Name, arguments).Content));
        }
        if (contents.Count > 0) messages.Add(new ChatMessage(ChatRole.Assistant, contents));
        if (results.Count > 0) messages.Add(new ChatMessage(ChatRole.Tool, results));
    }

    /// <summary>Arguments JSON as the dictionary <see cref="FunctionCallContent"/> carries (values as JSON elements).</summary>
    public static Dictionary<string, object?> ToDictionary(string argumentsJson)
    {
        try
        {
            using var document = JsonDocument.Parse(argumentsJson);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
                return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        }
        catch (JsonException) { }
        return new Dictionary<string, object?> { ["input"] = argumentsJson };
    }
}
