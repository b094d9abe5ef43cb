using System.Text.Json;
using BetterHarness.Ingest.Domain.Spans;

namespace BetterHarness.Ingest.Domain.Normalization.Conventions;

/// <summary>Tool names from tool definitions: <c>{name}</c>, <c>{type:function, function:{name}}</c>, or a list of either.</summary>
public static class ToolDefinitions
{
    public static IEnumerable<string> Names(string? json)
    {
        if (JsonText.TryParse(json) is not { } root) return [];
        var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
        return items.Select(Name).OfType<string>().ToList();
    }

    public static string? Name(JsonElement definition)
    {
        if (definition.ValueKind != JsonValueKind.Object) return null;
        if (definition.TryGetProperty("function", out var function) && JsonText.Property(function, "name") is { } nested) return nested;
        return JsonText.Property(definition, "name");
    }
}
