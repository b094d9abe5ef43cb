using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.Ingest.Domain.Spans;

namespace BetterHarness.Ingest.Domain.Normalization.Conventions;

/// <summary>An event body object (<c>{content, tool_calls}</c> or <c>{message:{…}}</c>) given the role the
/// event name implies when the body itself does not say.</summary>
public sealed class JsonObjectMessage(JsonElement body, string role)
{
    public string ToJson()
    {
        var node = JsonNode.Parse(body.GetRawText())!.AsObject();
        var target = node["message"] is JsonObject inner ? inner : node;
        target["role"] ??= role;
        return JsonSerializer.Serialize(target, JsonText.Options);
    }
}
