using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Normalization.Messages;

/// <summary>
/// Messages flattened into attributes, one key per field, with the list prefix already removed:
/// OpenInference <c>{i}.message.role</c>, <c>{i}.message.tool_calls.{k}.tool_call.function.name</c>;
/// OpenLLMetry <c>{i}.role</c>, <c>{i}.tool_calls.{k}.name</c>; LangSmith also <c>{i}.message.role</c>.
/// One reader serves all of them because the layouts differ only by optional path segments.
/// </summary>
public static class FlattenedMessages
{
    public static IReadOnlyList<ConversationMessage> Parse(
        IReadOnlyDictionary<string, object?> flattened, string spanId, long time, List<string>? finishReasons = null)
    {
        var byIndex = new SortedDictionary<int, Dictionary<string, object?>>();
        foreach (var (key, value) in flattened)
        {
            var dot = key.IndexOf('.');
            if (dot <= 0 || !int.TryParse(key[..dot], out var index)) continue;
            var field = key[(dot + 1)..];
            if (field.StartsWith("message.", StringComparison.Ordinal)) field = field["message.".Length..];
            if (!byIndex.TryGetValue(index, out var fields)) byIndex[index] = fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            fields[field] = value;
        }
        var entries = byIndex.Values.ToList();
        var roles = entries.Select(f => Roles.Normalize(AttributeValue.AsString(f.GetValueOrDefault("role")))).ToList();
        var messages = new List<ConversationMessage>();
        for (var i = 0; i < entries.Count; i++)
        {
            var fields = entries[i];
            if (AttributeValue.AsString(fields.GetValueOrDefault("finish_reason")) is { } reason) finishReasons?.Add(reason);
            var role = roles[i];
            var content = Content(fields);
            var calls = ToolCalls(fields);
            // Legacy OpenLLMetry writes a tool-call turn's null content as the text "null" (and drops its calls
            // from the history): that turn said nothing; its calls are known from the call that made them.
            if (content == "null" && role == Roles.Assistant && (calls.Count > 0 || (i + 1 < entries.Count && roles[i + 1] == Roles.Tool)))
                content = null;
            if (string.IsNullOrEmpty(content) && calls.Count == 0) continue;
            var callId = AttributeValue.AsString(fields.GetValueOrDefault("tool_call_id"));
            messages.Add(new ConversationMessage(role, content ?? "", spanId, time, calls.Count > 0 ? calls : null, callId));
        }
        return messages;
    }

    private static string? Content(Dictionary<string, object?> fields)
    {
        var content = AttributeValue.AsString(fields.GetValueOrDefault("content"));
        if (content is not null)
            return JsonText.TryParse(content) is { ValueKind: System.Text.Json.JsonValueKind.Array } parts ? MessageJson.ContentText(parts) : content;
        // OpenInference multi-part content: contents.{j}.message_content.text
        var texts = fields.Where(kv => kv.Key.StartsWith("contents.", StringComparison.Ordinal) && kv.Key.EndsWith(".text", StringComparison.Ordinal))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => AttributeValue.AsString(kv.Value));
        var joined = string.Join("\n", texts.Where(t => !string.IsNullOrEmpty(t)));
        return joined.Length > 0 ? joined : null;
    }

    private static List<ToolRequest> ToolCalls(Dictionary<string, object?> fields)
    {
        var calls = new SortedDictionary<int, Dictionary<string, string?>>();
        foreach (var (key, value) in fields)
        {
            if (!key.StartsWith("tool_calls.", StringComparison.Ordinal)) continue;
            var rest = key["tool_calls.".Length..];
            var dot = rest.IndexOf('.');
            if (dot <= 0 || !int.TryParse(rest[..dot], out var index)) continue;
            var field = rest[(dot + 1)..].Replace("tool_call.", "", StringComparison.Ordinal).Replace("function.", "", StringComparison.Ordinal);
            if (!calls.TryGetValue(index, out var call)) calls[index] = call = new Dictionary<string, string?>(StringComparer.Ordinal);
            call[field] = AttributeValue.AsString(value);
        }
        return [.. calls.Values
            .Where(c => c.GetValueOrDefault("name") is not null)
            .Select(c => new ToolRequest(c["name"]!, JsonText.Canonical(c.GetValueOrDefault("arguments")), c.GetValueOrDefault("id")))];
    }
}
