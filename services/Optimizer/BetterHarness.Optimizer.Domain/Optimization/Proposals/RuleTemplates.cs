using System.Globalization;
using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Domain.Optimization.Diagnosis;

namespace BetterHarness.Optimizer.Domain.Optimization.Proposals;

/// <summary>
/// The changes the offline proposer knows per failure pattern, most direct first: instruction rules that state a policy
/// for the situation the failing cases share, and tool-suite edits — a description that says when to use the tool and
/// how it differs from the neighbour the agent picked instead, a usage example, a tool removed that only misleads —
/// and model settings (step budget, temperature). The situation is named by words several failing cases share
/// (<see cref="GeneralWords"/>), never by one case's words or values.
/// </summary>
internal static class RuleTemplates
{
    public static IEnumerable<HarnessChange> For(FailurePattern pattern, IReadOnlyList<string> words, FailureDiagnosis diagnosis,
        HarnessDocument harness, IReadOnlyList<ToolDefinition> catalog)
    {
        var situation = words.Count == 0 ? null : $"the user's request is about {Join(words)}";
        var tool = harness.Tools.FirstOrDefault(t => t.Name == pattern.Tool);
        switch (pattern.Kind)
        {
            case FailurePatternKinds.MissedTool when pattern.Tool is not null:
                if (tool is null)
                {
                    if (catalog.Any(t => t.Name == pattern.Tool)) yield return new HarnessChange(ChangeKinds.AddTool, pattern.Tool, "", "");
                    yield break;
                }
                if (situation is null) yield break;
                var instead = pattern.Other is { } other && harness.Tools.Any(t => t.Name == other) ? other : null;
                yield return Add($"When {situation}, call {tool.Name}" + (instead is null ? "." : $" rather than {instead}."));
                yield return Describe(tool, $"Use it when {situation}" + (instead is null ? "." : $"; for such requests use it instead of {instead}."));
                if (instead is not null && harness.Tools.First(t => t.Name == instead) is var neighbour)
                    yield return Describe(neighbour, $"Do not use it when {situation}: {tool.Name} handles those.");
                yield return Describe(tool, $"Example: when {situation}, call {tool.Name}{Arguments(tool)}.");
                break;
            case FailurePatternKinds.UnwantedTool when tool is not null:
                if (situation is not null)
                {
                    yield return Add($"When {situation}, do not call {tool.Name}.");
                    yield return Describe(tool, $"Do not use it when {situation}.");
                }
                // A tool no failing case wants and several are misled by: without it the agent cannot make that mistake.
                var wanted = diagnosis.Patterns.Any(p => p.Kind is FailurePatternKinds.MissedTool or FailurePatternKinds.WrongArguments or FailurePatternKinds.BrokenOrder
                    && (p.Tool == tool.Name || p.Other == tool.Name));
                if (!wanted && pattern.CaseIds.Count >= 2) yield return new HarnessChange(ChangeKinds.RemoveTool, tool.Name, "", "");
                break;
            case FailurePatternKinds.BrokenOrder when pattern.Other is not null && harness.Tools.Any(t => t.Name == pattern.Other):
                if (tool is not null)
                {
                    yield return Add($"Before calling {tool.Name}, call {pattern.Other}.");
                    yield return Describe(tool, $"Call {pattern.Other} before using it.");
                }
                else if (situation is not null)
                    yield return Add($"When {situation}, call {pattern.Other}.");
                break;
            case FailurePatternKinds.WrongArguments when tool is not null:
                yield return Add($"When calling {tool.Name}, take every argument from what the user and the tools said in this conversation; never guess or leave one out.");
                break;
            case FailurePatternKinds.NeedlessQuestion:
                yield return Add("Never ask the user for details the conversation already gives; act on them.");
                break;
            case FailurePatternKinds.MissingFacts:
                yield return Add("In your final answer, state the concrete values the user needs (amounts, dates, identifiers) from the conversation and the tool results.");
                if (harness.Model.MaxOutputTokens is not null) yield return Setting(ModelSettingNames.MaxOutputTokens, "none");
                break;
            case FailurePatternKinds.StepLimit:
                if (harness.Model.MaxSteps < 200) yield return Setting(ModelSettingNames.MaxSteps, Math.Min(200, harness.Model.MaxSteps * 2).ToString(CultureInfo.InvariantCulture));
                if (harness.Model.MaxToolCalls is not null) yield return Setting(ModelSettingNames.MaxToolCalls, "none");
                break;
            case FailurePatternKinds.Unstable when pattern.CaseIds.Count >= 2 && harness.Model.Temperature is null or > 0.2:
                yield return Setting(ModelSettingNames.Temperature, "0");
                break;
        }
    }

    private static HarnessChange Describe(ToolDefinition tool, string sentence) =>
        new(ChangeKinds.EditToolDescription, tool.Name, tool.Description.TrimEnd().TrimEnd('.') + (tool.Description.Trim().Length == 0 ? "" : ". ") + sentence, "");

    private static HarnessChange Add(string text) => new(ChangeKinds.AddInstruction, "", text, "");

    private static HarnessChange Setting(string name, string value) => new(ChangeKinds.EditModelSettings, name, value, "");

    /// <summary>" with user_id and reservation_id": the required parameters, which the example reminds the model to fill.</summary>
    private static string Arguments(ToolDefinition tool)
    {
        if (tool.Parameters.ValueKind != System.Text.Json.JsonValueKind.Object || !tool.Parameters.TryGetProperty("required", out var required)
            || required.ValueKind != System.Text.Json.JsonValueKind.Array) return "";
        var names = required.EnumerateArray().Select(e => e.ToString()).Where(n => n.Length > 0).ToList();
        return names.Count == 0 ? "" : " with " + Join(names, "and");
    }

    private static string Join(IReadOnlyList<string> words, string last = "or") =>
        words.Count == 1 ? words[0] : string.Join(", ", words.Take(words.Count - 1)) + $" {last} " + words[^1];
}
