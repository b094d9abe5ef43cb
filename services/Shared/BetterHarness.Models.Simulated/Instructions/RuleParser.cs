using System.Text.RegularExpressions;

namespace BetterHarness.Models.Simulated.Instructions;

/// <summary>
/// Reads one instruction sentence as a rule: splits off its situation ("When …, …", "… if …", "… unless …",
/// "For …, …"), finds the declared tools it names (by exact name or by all the words of the name: "transfer the user
/// to a human agent" names <c>transfer_to_human_agents</c>), whether each is negated in its clause, an order
/// ("call A before B"), "do not ask" and "state … in the answer". A sentence that asks for none of these is not a rule
/// the simulation can act on — as with a real model, most of a policy is context, not an action.
/// </summary>
internal static partial class RuleParser
{
    private static readonly HashSet<string> NameStopWords = ["to", "the", "a", "an", "of", "for", "all", "by", "and", "get", "with", "on", "in"];

    public static Rule? Parse(string sentence, IReadOnlyList<DeclaredTool> tools)
    {
        var (situation, unless, action) = SplitSituation(sentence.Trim().TrimEnd('.', '!'));
        var effects = Effects(action, tools);
        return effects.Count == 0 ? null : new Rule(sentence, situation, unless, Literals(sentence, tools), effects);
    }

    private static (string? Situation, bool Unless, string Action) SplitSituation(string sentence)
    {
        if (Leading().Match(sentence) is { Success: true } lead)
        {
            // "When the user mentions A, B or C, call X": the situation runs to the comma the action starts after.
            var whole = sentence[lead.Groups["sit"].Index..];
            var at = ActionStart().Match(whole);
            var (situation, action) = at.Success ? (whole[..at.Index], whole[(at.Index + at.Length)..]) : (lead.Groups["sit"].Value, lead.Groups["act"].Value);
            return (situation.Trim(), lead.Groups["kw"].Value.Equals("unless", StringComparison.OrdinalIgnoreCase), action.Trim());
        }
        if (LeadingFor().Match(sentence) is { Success: true } forMatch)
            return (forMatch.Groups["sit"].Value, false, forMatch.Groups["act"].Value);
        if (Trailing().Match(sentence) is { Success: true } trail)
            return (trail.Groups["sit"].Value, trail.Groups["kw"].Value.Equals("unless", StringComparison.OrdinalIgnoreCase), trail.Groups["act"].Value);
        return (null, false, sentence);
    }

    private static List<RuleEffect> Effects(string action, IReadOnlyList<DeclaredTool> tools)
    {
        var lower = action.ToLowerInvariant();
        var effects = new List<RuleEffect>();
        var mentions = tools.Select(t => (Tool: t.Name, At: Mention(lower, t.Name))).Where(m => m.At >= 0).OrderBy(m => m.At).ToList();
        var before = Before().Match(lower);
        if (mentions.Count >= 2 && before.Success && mentions.FirstOrDefault(m => m.At > before.Index) is { Tool: not null } later)
        {
            foreach (var first in mentions.Where(m => m.Tool != later.Tool && !Negated(lower, m.At)))
                effects.Add(new RuleEffect(RuleAction.Order, first.Tool, later.Tool));
        }
        else
        {
            foreach (var (tool, at) in mentions)
                effects.Add(new RuleEffect(Negated(lower, at) ? RuleAction.Avoid : RuleAction.Call, tool));
        }
        if (NoQuestion().IsMatch(lower)) effects.Add(new RuleEffect(RuleAction.NoQuestion));
        if (StateInAnswer().IsMatch(lower) || AnswerStates().IsMatch(lower)) effects.Add(new RuleEffect(RuleAction.StateValues));
        return effects;
    }

    /// <summary>Where the text names the tool: its exact name, or every word of its name (plural or singular).</summary>
    internal static int Mention(string lower, string tool)
    {
        var exact = lower.IndexOf(tool.ToLowerInvariant(), StringComparison.Ordinal);
        if (exact >= 0) return exact;
        var words = tool.ToLowerInvariant().Split('_', StringSplitOptions.RemoveEmptyEntries).Where(w => !NameStopWords.Contains(w)).Select(Stem).ToList();
        if (words.Count == 0) return -1;
        var positions = new List<int>();
        foreach (var word in words)
        {
            var found = Word().Matches(lower).FirstOrDefault(m => Stem(m.Value) == word);
            if (found is null) return -1;
            positions.Add(found.Index);
        }
        return positions.Min();
    }

    /// <summary>Negated within its own clause: "do not call X", "instead of X", "never use X".</summary>
    private static bool Negated(string lower, int at)
    {
        var start = Math.Max(lower.LastIndexOfAny([',', ';', ':', '('], Math.Max(0, at - 1)), lower.LastIndexOf(" then ", Math.Max(0, at - 1), StringComparison.Ordinal));
        var clause = lower[(start + 1)..at];
        return Negation().IsMatch(clause);
    }

    private static IReadOnlyList<string> Literals(string sentence, IReadOnlyList<DeclaredTool> tools)
    {
        var names = tools.Select(t => t.Name).Concat(tools.SelectMany(t => t.Parameters.Select(p => p.Name))).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Token().Matches(sentence).Select(m => m.Value.Trim('.', ',', '-', '\'', '"'))
            .Where(v => v.Length >= 4 && v.Any(c => char.IsDigit(c) || c == '_' || c == '@') && !names.Contains(v))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    internal static string Stem(string word) => word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;

    [GeneratedRegex(@"^(?<kw>when|whenever|if|once|in case|unless)\b\s*(?<sit>.+?)\s*[,;:]\s*(?<act>.+)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Leading();

    [GeneratedRegex(@"^for\s+(?<sit>.+?)(?:\s*,\s*|\s+(?=(?:use|call|always|never|do|don't|transfer|ask|state|reply|answer)\b))(?<act>.+)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex LeadingFor();

    [GeneratedRegex(@"^(?<act>.+?),?\s+(?<kw>when|whenever|if|once|unless|as soon as|in case)\s+(?<sit>.+)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Trailing();

    /// <summary>The separator after which an action starts: a comma or semicolon followed by a verb, a negation or "you".</summary>
    [GeneratedRegex(@"\s*[,;:]\s*(?=(?:call|use|transfer|do|don't|never|always|ask|state|answer|reply|respond|look|search|check|cancel|book|send|update|get|give|tell|offer|deny|refuse|confirm|explain|provide|include|mention|first|then|only|you|hand|escalate|route|choose|pick|avoid|stop)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ActionStart();

    [GeneratedRegex(@"\bbefore\b")]
    private static partial Regex Before();

    [GeneratedRegex(@"\b(not|don't|do not|never|avoid|instead of|rather than|no|nor|without|stop)\b")]
    private static partial Regex Negation();

    [GeneratedRegex(@"\b(do not|don't|never|avoid|no need to|without|instead of|rather than|stop)\b(\W+\w+){0,6}?\W+(ask|asking|question|questions|clarif\w*)\b")]
    private static partial Regex NoQuestion();

    [GeneratedRegex(@"\b(state|include|mention|quote|give|tell|report|repeat|use|name|list)\b(\W+[\w']+){0,10}?\W+(in|into)\s+(the|your)\s+(final\s+)?(answer|reply|response|message)\b")]
    private static partial Regex StateInAnswer();

    [GeneratedRegex(@"\b(answer|reply|response)\b[^.]{0,30}\b(state|include|mention|contain|give)s?\b")]
    private static partial Regex AnswerStates();

    [GeneratedRegex(@"[a-z]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"[\p{L}\p{N}_$@.,'-]+")]
    private static partial Regex Token();
}
