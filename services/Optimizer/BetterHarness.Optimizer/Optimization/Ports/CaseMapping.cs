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

    public static SuiteCase ToSuiteCase(EvalCase c) => new(c.Id, c.CategoryOrFirstTag, c.MustPass ?? false, c.Provenance?.ClusterId,
        [
            .. c.Input.Messages.Where(m => m.Role is "user" or "assistant" && m.Content.Length > 0).Select(m => $"{m.Role}: {m.Content}"),
            .. c.Expected.Correction is { Length: > 0 } correction ? [$"correction: {correction}"] : Array.Empty<string>(),
            $"expected: {c.Expected.Behaviour}",
            .. c.Expected.ToolCalls.Select(t => $"expected call: {t.Name} {t.Arguments?.ToJsonString() ?? ""}"),
        ]);

    private static bool IsHoldout(EvalCase c) => string.Equals(c.Split, HoldoutSplitName, StringComparison.OrdinalIgnoreCase);
}
