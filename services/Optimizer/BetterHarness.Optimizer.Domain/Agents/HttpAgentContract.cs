using System.Text.Json;
using System.Text.Json.Serialization;
using BetterHarness.EvalCases.Cases;
using BetterHarness.EvalCases.Replay;
using BetterHarness.Optimizer.Domain.Harnesses;

namespace BetterHarness.Optimizer.Domain.Agents;

// The wire contract of the HTTP agent adapter (docs/http-agent.md). Only these types are ever serialised to an agent:
// nothing here can carry a case's expectation, graders, split or id.

/// <summary>What the adapter POSTs for one agent step.</summary>
/// <param name="ConversationId">Opaque and random per (case, trial) run; the same for every step of that run.</param>
/// <param name="Trial">0-based trial number (an agent with its own sampling may seed on it).</param>
/// <param name="Step">1-based step of this run.</param>
/// <param name="Messages">The conversation so far: the case's turns, then the agent's own turns and the answers to its tool calls.</param>
public sealed record HttpAgentRequest(string ConversationId, int Trial, int Step, HarnessDocument Harness, IReadOnlyList<HttpAgentMessage> Messages);

/// <param name="Role"><c>user</c>, <c>assistant</c> or <c>tool</c>.</param>
/// <param name="ToolCalls">Calls an assistant turn made; each is answered by a following <c>tool</c> message with its id.</param>
public sealed record HttpAgentMessage(string Role, string Text, IReadOnlyList<TranscriptToolCall>? ToolCalls = null,
    string? ToolCallId = null, string? ToolName = null)
{
    public static HttpAgentMessage Of(TranscriptMessage m) => new(m.Role, m.Text ?? "", m.ToolCalls, m.ToolCallId, m.ToolName);
}

/// <summary>The agent's answer to one step: its next message, and what the step cost.</summary>
public sealed record HttpAgentResponse(HttpAgentReply? Message, long InputTokens = 0, long OutputTokens = 0, string? Model = null);

/// <param name="ToolCalls">Calls the agent wants answered; none means this is its answer to the user and the run ends.</param>
public sealed record HttpAgentReply(string? Text, IReadOnlyList<HttpAgentCall>? ToolCalls = null);

/// <param name="Arguments">The arguments as JSON text (or a JSON object).</param>
public sealed record HttpAgentCall(string? Id, string Name, JsonElement? Arguments = null);

/// <summary>The conversation as the agent gets it: the case's turns with their tool calls answered from the recordings
/// (as production answered them), system turns left out (the harness's instructions replace them).</summary>
public static class HttpAgentConversation
{
    public static List<HttpAgentMessage> FromCase(EvalCase evalCase, ToolReplay replay)
    {
        var messages = new List<HttpAgentMessage>();
        var index = 0;
        foreach (var m in evalCase.Input.Messages)
        {
            if (m.Role == "user") messages.Add(new HttpAgentMessage("user", m.Content));
            if (m.Role != "assistant") continue;
            var calls = (m.ToolCalls ?? []).Select(c => new TranscriptToolCall(ConversationBuilder.HistoryCallPrefix + index++, c.Name, ToolKey.Canonical(c.Arguments))).ToList();
            messages.Add(new HttpAgentMessage("assistant", m.Content, calls.Count == 0 ? null : calls));
            messages.AddRange(calls.Select(c => new HttpAgentMessage("tool", replay.Answer(c.Name, c.Arguments).Content, ToolCallId: c.Id, ToolName: c.Name)));
        }
        return messages;
    }
}

/// <summary>camelCase, nulls left out.</summary>
public static class HttpAgentJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
