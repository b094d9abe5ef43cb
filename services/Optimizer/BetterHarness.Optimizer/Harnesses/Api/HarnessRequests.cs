using System.Text.Json;
using BetterHarness.Optimizer.Domain.Harnesses;

namespace BetterHarness.Optimizer.Harnesses.Api;

/// <summary><c>POST /api/harnesses</c>: a new version of an agent's harness.</summary>
public sealed record CreateHarnessRequest(string? Agent, string? Instructions, IReadOnlyList<ToolRequest>? Tools, ModelSettings? Model,
    string? Author, string? Reason, int? Parent)
{
    /// <summary>The document, or the first thing wrong with the request.</summary>
    public (HarnessDocument? Document, string? Error) ToDocument()
    {
        if (string.IsNullOrWhiteSpace(Agent)) return (null, "agent is required");
        if (Instructions is null) return (null, "instructions is required (an empty string is allowed)");
        var tools = new List<ToolDefinition>();
        foreach (var (tool, i) in (Tools ?? []).Select((t, i) => (t, i)))
        {
            if (string.IsNullOrWhiteSpace(tool.Name)) return (null, $"tools[{i}].name is required");
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
}

public sealed record ToolRequest(string? Name, string? Description, JsonElement? Parameters);

/// <summary><c>POST /api/harnesses/from-traces</c>.</summary>
/// <param name="Limit">How many of the newest traces to read (default 200).</param>
public sealed record FromTracesRequest(string? Agent, int? Limit, string? Author);
