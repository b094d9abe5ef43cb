using System.Text.RegularExpressions;

namespace BetterHarness.Mining.Domain.Detection;

/// <summary>
/// Replaces domain-specific values (ids, codes, amounts, dates, times, numbers, e-mail addresses) by placeholder
/// words before a turn is embedded, so the embedding learns how the user speaks, not which airline codes or
/// order numbers the training conversations happened to contain. The cue features still see the real values.
/// </summary>
public static partial class ValueMask
{
    public static string Apply(string text)
    {
        var masked = Email().Replace(text, "email");
        masked = Date().Replace(masked, "date");
        masked = Time().Replace(masked, "time");
        masked = Amount().Replace(masked, "amount");
        masked = Code().Replace(masked, "code");
        return Number().Replace(masked, "number");
    }

    [GeneratedRegex(@"\b[\w.+-]+@[\w-]+\.[\w.]+\b")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}(/\d{2,4})?\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(st|nd|rd|th)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Date();

    [GeneratedRegex(@"\b\d{1,2}(:\d{2})+ ?([ap]\.?m\.?)?|\b\d{1,2} ?[ap]\.?m\.?(?!\w)", RegexOptions.IgnoreCase)]
    private static partial Regex Time();

    [GeneratedRegex(@"[$€£]\s?\d[\d,]*(\.\d+)?|\b\d[\d,]*(\.\d+)? ?(dollars|usd|eur|euros)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Amount();

    // A token that mixes letters/underscores with digits: HAT069, mia_li_3668, #W2378156, credit_card_4421486.
    [GeneratedRegex(@"#?\b(?=[\w-]*\d)(?=[\w-]*[A-Za-z_])[\w-]{3,}\b")]
    private static partial Regex Code();

    [GeneratedRegex(@"\b\d[\d,]*(\.\d+)?\b")]
    private static partial Regex Number();
}
