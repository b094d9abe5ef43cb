using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.Contracts;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>
/// Recorded tool responses keyed by tool name and canonical arguments, so a replay answers each call as
/// production did whatever the key order or spacing of the agent's JSON.
/// </summary>
public static class ToolReplay
{
    public const string UnrecordedResponse =
        "{\"error\":\"unrecorded_call\",\"message\":\"No response was recorded for this tool and these arguments in the source trace.\"}";

    public static string Key(string tool, string? arguments) => tool + " " + Canonical(arguments);

    /// <summary>Sorted keys, no whitespace; non-JSON text is kept trimmed.</summary>
    public static string Canonical(string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments)) return "{}";
        try { return Sort(JsonNode.Parse(arguments))?.ToJsonString() ?? "null"; }
        catch (JsonException) { return arguments.Trim(); }
    }

    public static IReadOnlyList<RecordedResponse> Record(IEnumerable<DigestToolCall> calls) => calls
        .Select(c => new RecordedResponse(Key(c.Name, c.Arguments), c.Name, Canonical(c.Arguments), c.Result, c.Error))
        .DistinctBy(r => r.Key) // the first answer wins: that is what the agent saw first
        .ToList();

    /// <summary>What a replay returns for a call: the recorded response or error, else <see cref="UnrecordedResponse"/>.</summary>
    public static string Answer(IReadOnlyList<RecordedResponse> recorded, string tool, string? arguments)
    {
        var key = Key(tool, arguments);
        var hit = recorded.FirstOrDefault(r => r.Key == key);
        return hit is null ? UnrecordedResponse : hit.Error is { } error ? error : hit.Response ?? "";
    }

    public static JsonNode? ParseArguments(string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments)) return new JsonObject();
        try { return Sort(JsonNode.Parse(arguments)); }
        catch (JsonException) { return JsonValue.Create(arguments); }
    }

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
        _ => node?.DeepClone(),
    };
}
