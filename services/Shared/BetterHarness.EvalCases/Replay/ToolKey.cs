using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.EvalCases.Replay;

/// <summary>
/// The canonical key of a tool call: tool name + space + arguments as JSON with sorted keys and no whitespace,
/// so a replay answers a call as production did whatever the key order or spacing of the agent's JSON.
/// </summary>
public static class ToolKey
{
    /// <summary>The documented answer to a call that production never made.</summary>
    public const string UnrecordedResponse =
        "{\"error\":\"unrecorded_call\",\"message\":\"No response was recorded for this tool and these arguments in the source trace.\"}";

    public static string Of(string tool, string? arguments) => tool + " " + Canonical(arguments);

    public static string Of(string tool, JsonNode? arguments) => tool + " " + Canonical(arguments);

    /// <summary>Sorted keys, no whitespace; empty → <c>{}</c>; non-JSON text is kept trimmed.</summary>
    public static string Canonical(string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments)) return "{}";
        try { return Canonical(JsonNode.Parse(arguments)); }
        catch (JsonException) { return arguments.Trim(); }
    }

    public static string Canonical(JsonNode? arguments) => arguments switch
    {
        null => "{}",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Canonical(v.GetValue<string>()),
        _ => Sort(arguments)?.ToJsonString() ?? "null",
    };

    /// <summary>
    /// A call's arguments as a case stores them (<see cref="CaseToolCall.Arguments"/>): JSON with sorted keys, empty →
    /// <c>{}</c>, non-JSON text as a string value.
    /// </summary>
    public static JsonNode? Parse(string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments)) return new JsonObject();
        try { return Sort(JsonNode.Parse(arguments)); }
        catch (JsonException) { return JsonValue.Create(arguments); }
    }

    /// <summary>A deep copy with object keys in ordinal order.</summary>
    public static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
        _ => node?.DeepClone(),
    };
}
