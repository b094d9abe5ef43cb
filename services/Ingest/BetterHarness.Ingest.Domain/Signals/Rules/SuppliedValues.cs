using System.Text.RegularExpressions;

namespace BetterHarness.Ingest.Domain.Signals.Rules;

/// <summary>
/// Finds a value for a named slot in user text and whether a question asks for that slot. Slots are
/// generic (email, phone, date, and "&lt;noun&gt; id/number/code" given with a value containing a digit)
/// so the rule needs no knowledge of the agent's domain.
/// </summary>
public static partial class SuppliedValues
{
    public static IEnumerable<(string Slot, string Value)> In(string userText)
    {
        foreach (Match m in Email().Matches(userText)) yield return ("email", m.Value);
        foreach (Match m in Phone().Matches(userText)) yield return ("phone", m.Value);
        foreach (Match m in IsoDate().Matches(userText)) yield return ("date", m.Value);
        foreach (Match m in NamedId().Matches(userText))
            yield return (m.Groups["noun"].Value.ToLowerInvariant() + " id", m.Groups["value"].Value);
    }

    public static bool Asks(string question, string slot) => slot switch
    {
        "email" => Regex.IsMatch(question, @"\be-?mail\b", RegexOptions.IgnoreCase),
        "phone" => Regex.IsMatch(question, @"\b(phone|mobile|telephone)\b", RegexOptions.IgnoreCase),
        "date" => Regex.IsMatch(question, @"\b(date|when|which day)\b", RegexOptions.IgnoreCase),
        _ => Regex.IsMatch(question, $@"\b{Regex.Escape(slot[..^3])}\s*(id|number|code|no\.?|#)", RegexOptions.IgnoreCase),
    };

    [GeneratedRegex(@"[\w.+-]+@[\w-]+\.[\w.-]+")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<!\w)\+?\d[\d\s().-]{7,}\d(?!\w)")]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(?<noun>user|customer|account|order|reservation|booking|confirmation|ticket|membership|member|invoice|tracking|policy|case|employee)\s*(id|number|code|no\.?|#)\s*(is|:|=|#)?\s*(?<value>[A-Za-z0-9_-]*\d[A-Za-z0-9_-]*)", RegexOptions.IgnoreCase)]
    private static partial Regex NamedId();
}
