using System.Text.RegularExpressions;
using BetterHarness.Contracts;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>
/// Deterministic assertions from a draft, each only when the trace supports it, plus an LLM-judge rubric.
/// </summary>
public static partial class GraderFactory
{
    public static IReadOnlyList<Grader> For(TraceDigest digest, CaseDraft draft)
    {
        var graders = new List<Grader>();
        // The action the correction led to (e.g. the booking with the right card); the first call after the correction
        // only when no action followed. A lookup is rarely what a correct run must do in exactly that way.
        graders.AddRange(ExpectedActions.Assertions(digest, draft));
        var expectedNames = draft.ExpectedCalls.Select(c => c.Name).ToHashSet();
        if (draft.Reason != CaseDraft.ToolRecovery)
            graders.AddRange(draft.MistakenCalls.Select(c => c.Name).Distinct()
                .Where(n => !expectedNames.Contains(n)).Select(Grader.ToolNotCalled));
        var order = draft.ExpectedCalls.Select(c => c.Name).Distinct().ToList();
        if (order.Count >= 2) graders.Add(Grader.ToolOrder(order.Take(4).ToList()));
        if (AskedNeedlessly(digest, draft)) graders.Add(Grader.NoClarifyingQuestion());
        if (draft.ExpectedCalls.Count == 0 && draft.Correction is { } correction)
            graders.AddRange(NewFacts(correction, draft.MistakenText ?? "").Take(2).Select(Grader.FinalAnswerContains));
        graders.Add(Grader.LlmJudge(Rubric(draft)));
        return graders;
    }

    private static bool AskedNeedlessly(TraceDigest digest, CaseDraft draft) =>
        draft.MistakenText is { } text && text.TrimEnd().EndsWith('?')
        && (digest.Signals.Any(s => s.Kind == SignalKinds.OverAsking) || AlreadySaid().IsMatch(draft.Correction ?? ""));

    /// <summary>Numbers, ids and capitalised names the user states that the corrected turn did not have.</summary>
    internal static IEnumerable<string> NewFacts(string correction, string mistaken) =>
        Fact().Matches(correction).Select(m => m.Value.Trim())
            .Where(v => (v.Length >= 2 || v.Any(char.IsDigit)) && !mistaken.Contains(v, StringComparison.OrdinalIgnoreCase) && !CommonWords.Contains(v))
            .Distinct(StringComparer.OrdinalIgnoreCase);

    private static string Rubric(CaseDraft draft) => draft.Correction is { } c
        ? $"The user had to correct the agent: \"{Clip(c)}\". Pass if the agent's response already satisfies this correction " +
          $"and does not repeat the corrected behaviour{(draft.MistakenText is { } m ? $" (\"{Clip(m)}\")" : "")}."
        : $"Pass if the agent achieves the user's goal and {draft.Behaviour.TrimEnd('.').ToLowerInvariant()}.";

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static readonly HashSet<string> CommonWords = ["I", "I'm", "I'd", "No", "Yes", "Actually", "The", "Can", "Could", "Please", "But", "My", "It", "That", "This", "Sorry", "Thanks", "Hi", "Oh", "Okay", "What", "We"];

    [GeneratedRegex(@"\b(i (already|just) (said|told|gave|mentioned)|as i (said|mentioned)|i told you)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AlreadySaid();

    [GeneratedRegex(@"\$?\b\d[\d,.:/-]*\b|\b[A-Z0-9]{5,8}\b|\b[A-Z][a-z]+(?: [A-Z][a-z]+)*\b")]
    private static partial Regex Fact();
}
