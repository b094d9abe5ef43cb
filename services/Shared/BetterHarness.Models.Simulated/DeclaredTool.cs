using System.Text.Json;

namespace BetterHarness.Models.Simulated;

/// <summary>A tool as the request declares it: name, description and the parameters of its JSON schema.</summary>
internal sealed record DeclaredTool(string Name, string Description, IReadOnlyList<ToolParameter> Parameters)
{
    /// <summary>What the request is compared with when the model picks a tool unprompted.</summary>
    public string Text => $"{Name.Replace('_', ' ')}: {Description}";

    public static DeclaredTool From(string name, string? description, JsonElement schema)
    {
        var required = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        var parameters = new List<ToolParameter>();
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            foreach (var p in properties.EnumerateObject())
                parameters.Add(ToolParameter.From(p.Name, p.Value, required.Contains(p.Name)));
        return new DeclaredTool(name, description ?? "", parameters);
    }
}

/// <param name="Type">JSON-schema type (<c>string</c>, <c>number</c>, <c>integer</c>, <c>boolean</c>, <c>array</c>, <c>object</c>).</param>
/// <param name="Enum">Allowed values, when the schema lists them.</param>
internal sealed record ToolParameter(string Name, string Type, string Description, IReadOnlyList<string> Enum, bool Required)
{
    public static ToolParameter From(string name, JsonElement schema, bool required)
    {
        string Text(string key) => schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()! : "";
        var type = Text("type");
        var values = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array
            ? e.EnumerateArray().Select(x => x.ToString()).ToList() : [];
        return new ToolParameter(name, type.Length == 0 ? "string" : type, Text("description"), values, required);
    }

    public bool IsScalar => Type is "string" or "number" or "integer" or "boolean";
}
