namespace BetterHarness.Optimizer.Domain.Optimization.Proposals;

/// <summary>
/// ONE targeted edit of a harness, with the reason for it.
/// <list type="bullet">
/// <item><c>add_instruction</c>: <see cref="Text"/> is appended as a new paragraph (<see cref="Target"/> empty).</item>
/// <item><c>edit_instruction</c>: the passage <see cref="Target"/> (verbatim, occurring once) becomes <see cref="Text"/>.</item>
/// <item><c>remove_instruction</c>: the passage <see cref="Target"/> is removed.</item>
/// <item><c>edit_tool_description</c>: tool <see cref="Target"/> gets the description <see cref="Text"/>.</item>
/// <item><c>remove_tool</c> / <c>add_tool</c>: tool <see cref="Target"/> leaves the tool set / returns to it from the
/// agent's tool catalog (a tool cannot be invented: only tools the agent has are replayable).</item>
/// <item><c>edit_model_settings</c>: model setting <see cref="Target"/> (<see cref="ModelSettingNames"/>) gets the value
/// <see cref="Text"/> (<c>none</c> clears an optional one) — the model settings are part of the harness.</item>
/// </list>
/// </summary>
public sealed record HarnessChange(string Kind, string Target, string Text, string Rationale)
{
    /// <summary>Two proposals are the same change when they do the same thing, whatever their rationale.</summary>
    public bool SameEditAs(HarnessChange other) =>
        Kind == other.Kind && Target == other.Target && string.Equals(Text.Trim(), other.Text.Trim(), StringComparison.OrdinalIgnoreCase);
}

/// <summary>The change kinds, as they appear in proposals and reports.</summary>
public static class ChangeKinds
{
    public const string AddInstruction = "add_instruction";
    public const string EditInstruction = "edit_instruction";
    public const string RemoveInstruction = "remove_instruction";
    public const string EditToolDescription = "edit_tool_description";
    public const string AddTool = "add_tool";
    public const string RemoveTool = "remove_tool";
    public const string EditModelSettings = "edit_model_settings";

    public static readonly IReadOnlyList<string> All =
        [AddInstruction, EditInstruction, RemoveInstruction, EditToolDescription, AddTool, RemoveTool, EditModelSettings];
}
