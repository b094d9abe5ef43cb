using System.Text.Json;
using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Normalization.Messages;

/// <summary>
/// Parses message lists serialised as JSON. Two shapes are in use: the GenAI semconv one
/// (<c>{role, parts:[{type:text|tool_call|tool_call_response, …}], finish_reason}</c>) and the
/// OpenAI-style one (<c>{role, content, tool_calls:[{id, function:{name, arguments}}], tool_call_id}</c>)
/// used by older gen_ai.prompt attributes and by input.value / traceloop.entity.input payloads.
/// </summary>
public static class MessageJson
{
    public static IReadOnlyList<ConversationMessage> Parse(string? json, string spanId, long time, List<string>? finishReasons = null)
    {
        if (JsonText.TryParse(json) is not { } root) return [];
        var items = root.ValueKind switch
        {
            JsonValueKind.Array => root.EnumerateArray().ToList(),
            JsonValueKind.Object when root.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Array => m.EnumerateArray().ToList(),
            // An OpenAI chat completion response, as recorded in output.value.
            JsonValueKind.Object when root.TryGetProperty("choices", out var ch) && ch.ValueKind == JsonValueKind.Array => ch.EnumerateArray().ToList(),
            JsonValueKind.Object when root.TryGetProperty("role", out _) => [root],
            _ => [],
        };
        var messages = new List<ConversationMessage>();
        foreach (var item in items.Where(i => i.ValueKind == JsonValueKind.Object))
        {
            var message = item.TryGetProperty("message", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : item;
            if (finishReasons is not null && JsonText.Property(item, "finish_reason") is { } reason) finishReasons.Add(reason);
            messages.AddRange(ReadMessage(message, spanId, time));
        }
        return messages;
    }

    private static IEnumerable<ConversationMessage> ReadMessage(JsonElement message, string spanId, long time)
    {
        var role = Roles.Normalize(JsonText.Property(message, "role"));
        if (message.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
            return MessageParts.Read(role, parts, spanId, time);

        var content = message.TryGetProperty("content", out var c) ? ContentText(c) : null;
        var calls = ToolCalls(message);
        var callId = JsonText.Property(message, "tool_call_id") ?? (role == Roles.Tool ? JsonText.Property(message, "id") : null);
        if (string.IsNullOrEmpty(content) && calls.Count == 0) return [];
        return [new ConversationMessage(role, content ?? "", spanId, time, calls.Count > 0 ? calls : null, callId)];
    }

    /// <summary>Content is a string or a list of typed parts; only the text parts make the transcript.</summary>
    public static string? ContentText(JsonElement content)
    {
        if (content.ValueKind != JsonValueKind.Array) return JsonText.AsText(content);
        var texts = content.EnumerateArray()
            .Select(p => p.ValueKind == JsonValueKind.String ? p.GetString() : JsonText.Property(p, "text") ?? JsonText.Property(p, "content"))
            .Where(t => !string.IsNullOrEmpty(t));
        return string.Join("\n", texts);
    }

    private static List<ToolRequest> ToolCalls(JsonElement message)
    {
        var calls = new List<ToolRequest>();
        if (!message.TryGetProperty("tool_calls", out var list) || list.ValueKind != JsonValueKind.Array) return calls;
        foreach (var call in list.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object))
        {
            var function = call.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? f : call;
            if (JsonText.Property(function, "name") is not { } name) continue;
            var arguments = function.TryGetProperty("arguments", out var a) ? JsonText.Canonical(JsonText.AsText(a)) : null;
            calls.Add(new ToolRequest(name, arguments, JsonText.Property(call, "id")));
        }
        return calls;
    }
}
