using System.Text.Json;
using System.Text.Json.Serialization;

namespace BetterHarness.Optimizer.Domain.Harnesses;

/// <summary>
/// What a harness version says: the agent's system instructions, its tools, and the model settings it was
/// tuned for. Immutable; an edit makes a new version. Shared by eval runs (what the agent runs with) and the
/// optimiser (what it edits).
/// </summary>
public sealed record HarnessDocument
{
    /// <summary>System instructions, verbatim.</summary>
    public required string Instructions { get; init; }
    /// <summary>Tools the agent may call, in the order the agent is given them.</summary>
    public required IReadOnlyList<ToolDefinition> Tools { get; init; }
    /// <summary>Model settings this version is tuned for (its model profile).</summary>
    public ModelSettings Model { get; init; } = new();
}

/// <summary>One tool as the model sees it.</summary>
public sealed record ToolDefinition
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    /// <summary>JSON-schema of the arguments (an object schema); <c>{}</c> when none was recorded.</summary>
    public required JsonElement Parameters { get; init; }
}

/// <summary>
/// Model profile of a harness version: part of the harness, edited by <c>edit_model_settings</c> changes and applied
/// by the agent loop to every model alike (real ones through <c>ChatOptions</c>).
/// </summary>
public sealed record ModelSettings
{
    /// <summary>Configured model name (e.g. <c>simulated</c>, <c>gpt-4o</c>); null = the run's choice.</summary>
    public string? Name { get; init; }
    /// <summary>Sampling temperature sent with every model call; null = the endpoint's default.</summary>
    public double? Temperature { get; init; }
    /// <summary>Output-token cap per model call (<c>max_tokens</c>); null = the endpoint's default.</summary>
    // Left out when unset, so versions written before the setting existed keep their content hash (journal keys).
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxOutputTokens { get; init; }
    /// <summary>Agent steps (model calls) allowed per case before the run counts as a step-limit failure.</summary>
    public int MaxSteps { get; init; } = 12;
    /// <summary>Tool calls allowed per case; once spent, the model is asked again without tools and must answer. Null = no budget.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxToolCalls { get; init; }
}
