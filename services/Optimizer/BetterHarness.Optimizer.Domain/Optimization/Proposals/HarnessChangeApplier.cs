using BetterHarness.Optimizer.Domain.Harnesses;

namespace BetterHarness.Optimizer.Domain.Optimization.Proposals;

/// <summary>Applies a <see cref="HarnessChange"/> to a harness, or says why it cannot be applied.</summary>
public static class HarnessChangeApplier
{
    public static (HarnessDocument? Harness, string? Error) Apply(HarnessDocument harness, HarnessChange change,
        IReadOnlyList<ToolDefinition> catalog)
    {
        switch (change.Kind)
        {
            case ChangeKinds.AddInstruction when !string.IsNullOrWhiteSpace(change.Text):
                var joined = harness.Instructions.TrimEnd();
                return (harness with { Instructions = joined.Length == 0 ? change.Text.Trim() : joined + "\n\n" + change.Text.Trim() }, null);
            case ChangeKinds.EditInstruction or ChangeKinds.RemoveInstruction:
                return ReplacePassage(harness, change);
            case ChangeKinds.EditToolDescription when !string.IsNullOrWhiteSpace(change.Text):
                return harness.Tools.Any(t => t.Name == change.Target)
                    ? (harness with { Tools = harness.Tools.Select(t => t.Name == change.Target ? t with { Description = change.Text.Trim() } : t).ToList() }, null)
                    : (null, $"the harness has no tool '{change.Target}'");
            case ChangeKinds.RemoveTool:
                return harness.Tools.Any(t => t.Name == change.Target)
                    ? (harness with { Tools = harness.Tools.Where(t => t.Name != change.Target).ToList() }, null)
                    : (null, $"the harness has no tool '{change.Target}'");
            case ChangeKinds.AddTool:
                if (harness.Tools.Any(t => t.Name == change.Target)) return (null, $"tool '{change.Target}' is already in the tool set");
                var known = catalog.FirstOrDefault(t => t.Name == change.Target);
                return known is null
                    ? (null, $"tool '{change.Target}' is not in the agent's tool catalog")
                    : (harness with { Tools = [.. harness.Tools, known] }, null);
            case ChangeKinds.EditModelSettings:
                var (settings, error) = ModelSettingEdit.Apply(harness.Model, change.Target.Trim(), change.Text);
                if (settings is null) return (null, error);
                return settings == harness.Model ? (null, $"the model setting '{change.Target}' already has that value") : (harness with { Model = settings }, null);
            default:
                return (null, ChangeKinds.All.Contains(change.Kind)
                    ? $"a {change.Kind} change needs a text"
                    : $"unknown change kind '{change.Kind}' (expected one of {string.Join(", ", ChangeKinds.All)})");
        }
    }

    private static (HarnessDocument?, string?) ReplacePassage(HarnessDocument harness, HarnessChange change)
    {
        if (string.IsNullOrWhiteSpace(change.Target)) return (null, $"a {change.Kind} change needs the passage it changes as target");
        var at = harness.Instructions.IndexOf(change.Target, StringComparison.Ordinal);
        if (at < 0) return (null, "the target passage does not occur in the instructions");
        if (harness.Instructions.IndexOf(change.Target, at + 1, StringComparison.Ordinal) >= 0)
            return (null, "the target passage occurs more than once in the instructions");
        var replacement = change.Kind == ChangeKinds.RemoveInstruction ? "" : change.Text;
        var text = harness.Instructions[..at] + replacement + harness.Instructions[(at + change.Target.Length)..];
        return (harness with { Instructions = text.Trim() }, null);
    }
}
