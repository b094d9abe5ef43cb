using System.Text.Json;
using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.ServiceDefaults.Security;

namespace BetterHarness.Optimizer.Harnesses.Api;

/// <summary>
/// <c>POST /api/harnesses</c>: a new version of an agent's harness. <see cref="Author"/> is ignored: the version's author
/// is whoever is signed in (or the key), never a name the body claims.
/// </summary>
public sealed record CreateHarnessRequest(string? Agent, string? Instructions, IReadOnlyList<ToolRequest>? Tools, ModelSettings? Model,
    string? Author, string? Reason, int? Parent)
{
    /// <summary>The document, or the first thing wrong with the request.</summary>
    public (HarnessDocument? Document, string? Error) ToDocument()
    {
        if (string.IsNullOrWhiteSpace(Agent)) return (null, "agent is required");
        if (Instructions is null) return (null, "instructions is required (an empty string is allowed)");
        if ((TextLimits.Check("agent", Agent, TextLimits.Name) ?? TextLimits.Check("instructions", Instructions, MaxInstructions)
            ?? TextLimits.Check("reason", Reason, TextLimits.Reason)) is { } tooLong) return (null, tooLong);
        if (Tools is { Count: > MaxTools }) return (null, $"'tools' has {Tools.Count} entries; the limit is {MaxTools}");
        var tools = new List<ToolDefinition>();
        foreach (var (tool, i) in (Tools ?? []).Select((t, i) => (t, i)))
        {
            if (tool is null) return (null, $"tools[{i}] must be an object {{name, description, parameters}}, not null");
            if (string.IsNullOrWhiteSpace(tool.Name)) return (null, $"tools[{i}].name is required");
            if ((TextLimits.Check($"tools[{i}].name", tool.Name, TextLimits.Name)
                ?? TextLimits.Check($"tools[{i}].description", tool.Description, MaxToolDescription)) is { } toolTooLong) return (null, toolTooLong);
            if (tools.Any(t => t.Name == tool.Name)) return (null, $"tools[{i}].name '{tool.Name}' appears twice");
            if (tool.Parameters is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
                return (null, $"tools[{i}].parameters must be a JSON-schema object");
            tools.Add(new ToolDefinition
            {
                Name = tool.Name, Description = tool.Description ?? "",
                Parameters = tool.Parameters is { ValueKind: JsonValueKind.Object } p ? p.Clone() : JsonDocument.Parse("{}").RootElement.Clone(),
            });
        }
        if (Model is { MaxSteps: < 1 or > 200 }) return (null, "model.maxSteps must be 1..200");
        if (Model is { Temperature: < 0 or > 2 }) return (null, "model.temperature must be 0..2");
        if (Model is { MaxOutputTokens: < 16 or > 100_000 }) return (null, "model.maxOutputTokens must be 16..100000");
        if (Model is { MaxToolCalls: < 1 or > 200 }) return (null, "model.maxToolCalls must be 1..200");
        return (new HarnessDocument { Instructions = Instructions, Tools = tools, Model = Model ?? new ModelSettings() }, null);
    }

    /// <summary>Longest system instructions accepted: 100,000 characters.</summary>
    public const int MaxInstructions = 100_000;

    /// <summary>Most tools in one harness: 200.</summary>
    public const int MaxTools = 200;

    /// <summary>Longest tool description accepted: 20,000 characters.</summary>
    public const int MaxToolDescription = 20_000;
}

public sealed record ToolRequest(string? Name, string? Description, JsonElement? Parameters);

/// <summary><c>POST /api/harnesses/from-traces</c>.</summary>
/// <param name="Limit">How many of the newest traces to read (default 200).</param>
public sealed record FromTracesRequest(string? Agent, int? Limit, string? Author);
