using System.Text.Json;
using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Normalization.Messages;

/// <summary>The GenAI semconv message parts: text, tool_call and tool_call_response (others, such as
/// reasoning or blobs, are not part of the conversation a user sees and are skipped).</summary>
public static class MessageParts
{
    public static IEnumerable<ConversationMessage> Read(string role, JsonElement parts, string spanId, long time)
    {
        var texts = new List<string>();
        var calls = new List<ToolRequest>();
        var responses = new List<ConversationMessage>();
        foreach (var part in parts.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.Object))
        {
            switch (JsonText.Property(part, "type"))
            {
                case "text":
                    if ((JsonText.Property(part, "content") ?? JsonText.Property(part, "text")) is { Length: > 0 } text) texts.Add(text);
                    break;
                case "tool_call":
                    if (JsonText.Property(part, "name") is { } name)
                        calls.Add(new ToolRequest(name, JsonText.Canonical(JsonText.Property(part, "arguments")), JsonText.Property(part, "id")));
                    break;
                case "tool_call_response":
                    var response = JsonText.Property(part, "response") ?? JsonText.Property(part, "result") ?? "";
                    responses.Add(new ConversationMessage(Roles.Tool, response, spanId, time, null, JsonText.Property(part, "id")));
                    break;
            }
        }
        if (texts.Count > 0 || calls.Count > 0)
            yield return new ConversationMessage(role, string.Join("\n", texts), spanId, time, calls.Count > 0 ? calls : null);
        foreach (var response in responses) yield return response;
    }

    /// <summary>System instructions: a list of parts, or plain text from older SDKs.</summary>
    public static string? InstructionsText(string? value)
    {
        if (JsonText.TryParse(value) is not { ValueKind: JsonValueKind.Array } parts) return value;
        var texts = parts.EnumerateArray()
            .Select(p => p.ValueKind == JsonValueKind.String ? p.GetString() : JsonText.Property(p, "content") ?? JsonText.Property(p, "text"))
            .Where(t => !string.IsNullOrEmpty(t));
        return string.Join("\n", texts);
    }
}
