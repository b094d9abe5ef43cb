using BetterHarness.Optimizer.Domain.Harnesses;

namespace BetterHarness.Optimizer.Domain.Optimization.Proposals;

/// <summary>The general rules the offline proposer knows, per failing grader type, most specific wording first.</summary>
internal static class RuleTemplates
{
    /// <param name="behaviour">The expected behaviour the failing cases share, when they share one (general by construction).</param>
    public static IEnumerable<HarnessChange> For(string graderType, string? tool, IReadOnlyList<string> words, string? behaviour, HarnessDocument harness)
    {
        var situation = words.Count == 0 ? null : Join(words);
        if (behaviour is not null)
        {
            // The behaviour the cases expect, stated as a rule — scoped to their situation first, then on its own.
            if (situation is not null) yield return Add($"When the user's request is about {situation}: {LowerFirst(behaviour)}");
            yield return Add(behaviour);
        }
        switch (graderType)
        {
            case GraderNames.ToolCalled when tool is not null:
                if (situation is not null)
                    yield return Add($"When the user's request is about {situation}, call {tool} instead of answering without it or asking for details the user already gave.");
                if (harness.Tools.FirstOrDefault(t => t.Name == tool) is { } definition)
                    yield return new HarnessChange(ChangeKinds.EditToolDescription, tool,
                        definition.Description.TrimEnd().TrimEnd('.') + "." +
                        (situation is null ? " Call it as soon as the user's request needs it." : $" Use it when the user's request is about {situation}."), "");
                else
                    yield return new HarnessChange(ChangeKinds.AddTool, tool, "", "");
                yield return Add($"Call {tool} whenever the user's request needs it; do not answer in its place.");
                break;
            case GraderNames.ToolNotCalled when tool is not null:
                yield return Add($"Do not call {tool} unless the user's request needs it; act on what the conversation already provides.");
                break;
            case GraderNames.NoClarifyingQuestion:
                yield return Add("Do not ask the user a question when the conversation already holds what you need; act on it.");
                break;
            case GraderNames.FinalAnswerContains or GraderNames.FinalAnswerMatches:
                yield return Add("In the final answer, state the concrete values the user needs (amounts, dates, identifiers) from the conversation and the tool results.");
                break;
            case GraderNames.ToolOrder:
                yield return Add("Look up the details you need before calling a tool that changes something, and call the tools in the order the task requires.");
                break;
        }
    }

    private static string LowerFirst(string text) => text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1])
        ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    private static HarnessChange Add(string text) => new(ChangeKinds.AddInstruction, "", text, "");

    private static string Join(IReadOnlyList<string> words) =>
        words.Count == 1 ? words[0] : string.Join(", ", words.Take(words.Count - 1)) + " or " + words[^1];
}
