using System.Security.Cryptography;
using System.Text;

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

/// <summary>
/// Candidate ids come from what the candidate was mined from: a trace revision yields at most one candidate, so
/// the same revision always gets the same id. Mining the same traces again (a replay, a restored store, the demo)
/// therefore gives the same candidates, and the eval cases, splits and runs keyed by them come out the same.
/// </summary>
public static class CaseIds
{
    public static string For(string traceId, int revision) =>
        "cand_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{traceId}:{revision}")))[..32];
}
