using BetterHarness.Optimizer.Domain.Optimization.Lint;

namespace BetterHarness.Optimizer.Domain.Optimization.Proposals;

/// <summary>
/// The expected behaviour most failing cases of a pattern share, word for word: a sentence several cases agree on
/// describes the behaviour, not a case. Only when at least two cases (and half of them) share it, and it holds no
/// literal (id, number, name) beyond the tool names.
/// </summary>
internal static class SharedBehaviour
{
    public static string? Of(IEnumerable<IEnumerable<string>> caseTexts, string prefix, IReadOnlySet<string> toolWords)
    {
        var behaviours = caseTexts
            .Select(texts => texts.FirstOrDefault(t => t.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim())
            .ToList();
        var best = behaviours.OfType<string>().Where(b => b.Length > 0)
            .GroupBy(b => b, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best is null || best.Count() < 2 || best.Count() * 2 < behaviours.Count) return null;
        var literal = TextTokens.Tokens(best.Key).Any(t => TextTokens.IsLiteral(t.Text, t.SentenceStart)
            && !t.Text.Split('_').All(toolWords.Contains));
        return literal ? null : best.Key;
    }
}
