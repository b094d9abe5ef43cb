using BetterHarness.Optimizer.Domain.Optimization.Lint;

namespace BetterHarness.Optimizer.Domain.Optimization.Proposals;

/// <summary>
/// Words that describe a situation in general: shared by at least two failing cases, alphabetic, not a stop word,
/// not a literal (id, number, name). A word only one case uses would be quoting that case, so it never qualifies.
/// </summary>
internal static class GeneralWords
{
    private static readonly HashSet<string> Stop = new(StringComparer.OrdinalIgnoreCase)
    {
        "the","and","for","you","your","are","was","were","with","that","this","have","has","had","not","but","can","could",
        "would","should","will","just","what","when","where","which","who","how","why","there","their","they","them","then",
        "than","from","into","about","also","been","being","some","any","all","out","our","ours","mine","yes","okay","please",
        "thanks","thank","hello","hi","hey","sure","like","want","need","know","let","get","got","did","does","done","its",
        "it's","i'm","i'd","i've","don't","can't","won't","one","two","may","might","must","very","much","more","most","only",
        "other","such","same","each","both","here","now","well","again","still","user","assistant","agent","call","tool",
        // Conversation verbs and fillers: shared by many cases, they name no situation ("…is about already, confirm…").
        "already","actually","really","right","provide","provided","confirm","confirmed","correction","sorry","help","check",
        "make","made","tell","told","said","give","going","able","instead","because","since","after","before","yeah","fine",
        "great","think","looking","mean","meant","wrong","correct","else","asked",
    };

    public static IReadOnlyList<string> Shared(IEnumerable<IEnumerable<string>> caseTexts, IReadOnlySet<string> exclude, int max)
    {
        var caseCount = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var texts in caseTexts)
        {
            var words = texts.SelectMany(t => TextTokens.Tokens(t))
                .Where(t => t.Text.Length >= 4 && t.Text.All(char.IsLetter) && !TextTokens.IsLiteral(t.Text, t.SentenceStart))
                .Select(t => t.Text.ToLowerInvariant())
                .Where(w => !Stop.Contains(w) && !exclude.Contains(w))
                .ToHashSet();
            foreach (var w in words) caseCount[w] = caseCount.GetValueOrDefault(w) + 1;
        }
        return caseCount.Where(kv => kv.Value >= 2)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(max).Select(kv => kv.Key).ToList();
    }
}
