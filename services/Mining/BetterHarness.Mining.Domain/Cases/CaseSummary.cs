namespace BetterHarness.Mining.Domain.Cases;

/// <summary>One line for the review queue and the published event.</summary>
public static class CaseSummary
{
    public static string Of(CaseDraft draft, IReadOnlyList<string> tags)
    {
        var what = draft.Correction is { } c ? $"User corrected the agent: \"{Clip(c, 140)}\"" : draft.Behaviour;
        var calls = draft.ExpectedCalls.Count > 0 ? $" → expects {string.Join(", ", draft.ExpectedCalls.Select(x => x.Name).Distinct().Take(3))}" : "";
        return $"{what}{calls} [{string.Join(", ", tags)}]";
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}

/// <summary>Candidate ids: sortable by creation, unique without coordination.</summary>
public static class CaseIds
{
    public static string New() => "cand_" + Guid.CreateVersion7().ToString("N");
}
