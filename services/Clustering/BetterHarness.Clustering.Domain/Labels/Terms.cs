using System.Text.RegularExpressions;
using BetterHarness.Contracts;

namespace BetterHarness.Clustering.Domain.Labels;

/// <summary>The words of a signature text worth showing in a label: no stop words, placeholders or field names.</summary>
public static partial class Terms
{
    private static readonly HashSet<string> Ignored = new(
    [
        // signature field names and mask placeholders
        "failure", "error", "type", "tools", "agent", "output", "user", "request", "num", "str", "id", "path",
        "url", "hex", "uuid", "time", "email",
        // signal kinds: the label names the dominant one separately
        .. SignalKinds.All,
        // English stop words and filler common in agent text
        "the", "and", "for", "that", "this", "with", "from", "are", "was", "were", "will", "would", "have", "has",
        "had", "not", "but", "you", "your", "our", "can", "could", "should", "been", "being", "into", "than", "then",
        "there", "their", "they", "them", "what", "which", "when", "where", "who", "how", "all", "any", "some", "its",
        "let", "lets", "also", "just", "only", "more", "most", "such", "here", "about", "please", "may", "might",
        "did", "does", "doing", "done", "each", "other", "these", "those", "over", "under", "very", "well", "one",
        "two", "use", "using", "used", "need", "needs", "make", "sure", "get", "got", "like", "based", "given",
    ], StringComparer.Ordinal);

    public static IReadOnlySet<string> Of(string text) =>
        Word().Matches(text).Select(m => m.Value).Where(w => !Ignored.Contains(w)).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"[a-z][a-z_]{2,30}")]
    private static partial Regex Word();
}
