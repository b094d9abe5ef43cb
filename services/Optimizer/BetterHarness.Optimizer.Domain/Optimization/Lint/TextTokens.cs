using System.Text.RegularExpressions;

namespace BetterHarness.Optimizer.Domain.Optimization.Lint;

/// <summary>Word tokens, literal-looking tokens and word n-grams of a text.</summary>
internal static partial class TextTokens
{
    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}_\-\.@']*[\p{L}\p{N}]|[\p{L}\p{N}]", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    public static IEnumerable<(string Text, bool SentenceStart)> Tokens(string text)
    {
        var sentenceStart = true;
        var last = 0;
        foreach (Match m in Token().Matches(text))
        {
            var gap = text.AsSpan(last, m.Index - last);
            if (gap.IndexOfAny(".!?\n:") >= 0) sentenceStart = true;
            yield return (m.Value, sentenceStart);
            sentenceStart = false;
            last = m.Index + m.Length;
        }
    }

    public static IReadOnlyList<string> Words(string text) =>
        Tokens(text).Select(t => t.Text.ToLowerInvariant()).ToList();

    public static int WordCount(string text) => Token().Count(text);

    /// <summary>
    /// Case-specific literals: ids and codes (letters with digits, underscores, @), numbers of three or more digits,
    /// and capitalised words inside a sentence (names).
    /// </summary>
    public static bool IsLiteral(string token, bool sentenceStart)
    {
        if (token.Length < 3) return false;
        var digits = token.Count(char.IsDigit);
        if (digits > 0) return digits >= 3 || token.Any(char.IsLetter);
        if (token.Contains('_') || token.Contains('@')) return true;
        return !sentenceStart && char.IsUpper(token[0]) && token.Skip(1).Any(char.IsLower);
    }

    public static IEnumerable<string> Phrases(IReadOnlyList<string> words, int length)
    {
        for (var i = 0; i + length <= words.Count; i++) yield return string.Join(' ', words.Skip(i).Take(length));
    }
}
