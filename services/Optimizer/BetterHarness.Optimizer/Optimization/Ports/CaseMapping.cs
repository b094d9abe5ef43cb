using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Cases;

namespace BetterHarness.Optimizer.Optimization.Ports;

/// <summary>Eval cases as the optimiser sees them, split by the curation service's assignment.</summary>
public static class CaseMapping
{
    public const string HoldoutSplitName = "holdout";

    public static (CaseSet<OptimizationSplit> Optimization, CaseSet<HoldoutSplit> Holdout) Split(IReadOnlyList<EvalCase> cases)
    {
        // A case without a split (imported before splitting) is an optimisation case: only curation assigns the holdout.
        var holdout = cases.Where(IsHoldout).Select(ToSuiteCase);
        var optimization = cases.Where(c => !IsHoldout(c)).Select(ToSuiteCase);
        return (new CaseSet<OptimizationSplit>(optimization), new CaseSet<HoldoutSplit>(holdout));
    }

    /// <summary>
    /// The texts a diagnosis shows and the lint checks against: what was expected first (the behaviour, the
    /// correction, the expected calls), then the last turns of the conversation.
    /// </summary>
    public static SuiteCase ToSuiteCase(EvalCase c) => new(c.Id, c.CategoryOrFirstTag, c.MustPass ?? false, c.Provenance?.ClusterId,
        [
            $"{ExpectedPrefix}{c.Expected.Behaviour}",
            .. c.Expected.Correction is { Length: > 0 } correction ? [$"correction: {correction}"] : Array.Empty<string>(),
            .. c.Expected.ToolCalls.Select(t => $"expected call: {t.Name} {t.Arguments?.ToJsonString() ?? ""}"),
            .. c.Input.Messages.Where(m => m.Role is "user" or "assistant" && m.Content.Length > 0).TakeLast(5).Select(m => $"{m.Role}: {m.Content}"),
        ])
    {
        AllTexts = AllTextsOf(c),
    };

    /// <summary>Every turn of the conversation, any role (tool results included), with the arguments of the calls it made.</summary>
    public static IReadOnlyList<string> AllTextsOf(EvalCase c) =>
        c.Input.Messages.SelectMany(m => (IEnumerable<string>)[m.Content, .. (m.ToolCalls ?? []).Select(t => $"{t.Name} {t.Arguments?.ToJsonString()}")])
            .Where(t => t.Length > 0).ToList();

    /// <summary>Marks the expected-behaviour text among a case's texts (the rule-based proposer reads it).</summary>
    public const string ExpectedPrefix = Domain.Optimization.Proposals.RuleBasedProposer.ExpectedPrefix;

    private static bool IsHoldout(EvalCase c) => string.Equals(c.Split, HoldoutSplitName, StringComparison.OrdinalIgnoreCase);
}
