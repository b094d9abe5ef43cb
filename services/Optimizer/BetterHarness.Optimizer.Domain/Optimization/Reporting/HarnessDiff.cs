using System.Text;
using BetterHarness.Optimizer.Domain.Harnesses;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace BetterHarness.Optimizer.Domain.Optimization.Reporting;

/// <summary>A readable line diff of two harnesses: instructions, then each tool whose description or presence changed.</summary>
public static class HarnessDiff
{
    public static string Describe(HarnessDocument before, HarnessDocument after)
    {
        var text = new StringBuilder();
        var lines = InlineDiffBuilder.Diff(before.Instructions, after.Instructions, ignoreWhiteSpace: false);
        foreach (var line in lines.Lines.Where(l => l.Type is ChangeType.Inserted or ChangeType.Deleted))
            text.Append(line.Type == ChangeType.Inserted ? "+ " : "- ").AppendLine(line.Text);
        var oldTools = before.Tools.ToDictionary(t => t.Name);
        var newTools = after.Tools.ToDictionary(t => t.Name);
        foreach (var gone in oldTools.Keys.Except(newTools.Keys)) text.AppendLine($"- tool {gone}");
        foreach (var added in newTools.Keys.Except(oldTools.Keys)) text.AppendLine($"+ tool {added}");
        foreach (var (name, tool) in newTools)
            if (oldTools.TryGetValue(name, out var old) && old.Description != tool.Description)
                text.AppendLine($"- tool {name}: {old.Description}").AppendLine($"+ tool {name}: {tool.Description}");
        return text.ToString();
    }
}
