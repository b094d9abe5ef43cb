using System.Text.Json;
using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Domain.Traces;

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

    /// <summary>Full definitions (name, description, parameters) in the same shapes as <see cref="Names"/>.</summary>
    public static IEnumerable<ToolSpec> Specs(string? json)
    {
        if (JsonText.TryParse(json) is not { } root) return [];
        var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
        return items.Select(Spec).OfType<ToolSpec>().ToList();
    }

    private static ToolSpec? Spec(JsonElement definition)
    {
        if (Name(definition) is not { } name) return null;
        var body = definition.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? f : definition;
        var parameters = body.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object ? p.GetRawText() : null;
        return new ToolSpec(name, JsonText.Property(body, "description"), parameters);
    }

    public static string? Name(JsonElement definition)
    {
        if (definition.ValueKind != JsonValueKind.Object) return null;
        if (definition.TryGetProperty("function", out var function) && JsonText.Property(function, "name") is { } nested) return nested;
        return JsonText.Property(definition, "name");
    }
}
