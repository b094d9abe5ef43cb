using System.Text;
using System.Text.Json;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace BetterHarness.Optimizer.Domain.Harnesses;

/// <summary>
/// A readable line diff between two harness versions (DiffPlex): the instructions, then each tool as
/// <c>name: description</c> and its parameters, then the model settings — so a reviewer sees exactly what an
/// edit changed.
/// </summary>
public static class HarnessDiff
{
    public static HarnessDiffResult Between(HarnessDocument? parent, HarnessDocument current)
    {
        var model = InlineDiffBuilder.Diff(parent is null ? "" : Render(parent), Render(current), ignoreWhiteSpace: false);
        var lines = model.Lines.Select(l => new DiffLine(l.Type switch
        {
            ChangeType.Inserted => "+",
            ChangeType.Deleted => "-",
            _ => " ",
        }, l.Text)).ToList();
        var unified = new StringBuilder();
        foreach (var line in lines.Where(l => l.Op != " ")) unified.Append(line.Op).Append(' ').AppendLine(line.Text);
        return new HarnessDiffResult(lines.Count(l => l.Op == "+"), lines.Count(l => l.Op == "-"), unified.ToString(), lines);
    }

    /// <summary>The text a diff compares: one line per instruction line, tool and setting.</summary>
    public static string Render(HarnessDocument harness)
    {
        var text = new StringBuilder("## instructions\n").AppendLine(harness.Instructions.TrimEnd()).AppendLine("## tools");
        foreach (var tool in harness.Tools)
        {
            text.Append(tool.Name).Append(": ").AppendLine(tool.Description.ReplaceLineEndings(" "));
            text.Append(tool.Name).Append(" parameters: ").AppendLine(JsonSerializer.Serialize(tool.Parameters));
        }
        return text.Append("## model\n")
            .Append("name: ").AppendLine(harness.Model.Name ?? "(the run's choice)")
            .Append("temperature: ").AppendLine(harness.Model.Temperature?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(default)")
            .Append("maxOutputTokens: ").AppendLine(harness.Model.MaxOutputTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(default)")
            .Append("maxSteps: ").AppendLine(harness.Model.MaxSteps.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append("maxToolCalls: ").AppendLine(harness.Model.MaxToolCalls?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(no budget)")
            .ToString();
    }
}

/// <param name="Unified">Only the changed lines, each prefixed with <c>+ </c> or <c>- </c>.</param>
/// <param name="Lines">Every line with its op: <c>+</c>, <c>-</c> or a space for unchanged.</param>
public sealed record HarnessDiffResult(int Added, int Removed, string Unified, IReadOnlyList<DiffLine> Lines);

public sealed record DiffLine(string Op, string Text);
