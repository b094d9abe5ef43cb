using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BetterHarness.Contracts;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>
/// Which argument values of a call the conversation itself determines. In a failed conversation the agent's own
/// choices are suspect (a computed fee, the card it picked for "the smallest gift card"), so an assertion requires
/// only values the user stated, or saw in the agent's replies and went along with, before the call. Numbers count
/// only when the user said them: numbers in the agent's text are mostly its own arithmetic and list positions.
/// </summary>
public static partial class ArgumentGrounding
{
    private static readonly string[] NumberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    /// <summary>The subset of <paramref name="keyArguments"/> whose values occur in the conversation before message <paramref name="callIndex"/>.</summary>
    public static JsonObject Grounded(JsonObject keyArguments, IReadOnlyList<DigestMessage> messages, int callIndex)
    {
        var before = messages.Take(Math.Max(0, callIndex)).Where(m => m.Content.Length > 0).ToList();
        // "1. One-way" numbers a list item, it does not say 1 of anything
        var userText = Normalise(ListMarkers().Replace(string.Join("\n", before.Where(Conversation.IsUser).Select(m => m.Content)), ""));
        var seenText = Normalise(string.Join("\n", before.Where(m => Conversation.IsUser(m) || Conversation.IsAssistant(m)).Select(m => m.Content)));
        var grounded = new JsonObject();
        foreach (var (key, value) in keyArguments)
            if (value is JsonValue v && IsGrounded(key, v, userText, seenText)) grounded[key] = v.DeepClone();
        return grounded;
    }

    private static bool IsGrounded(string name, JsonValue value, string userText, string seenText)
    {
        if (value.TryGetValue<bool>(out _)) return true; // a flag has two values; the rubric judges it, not a word match
        if (value.TryGetValue<string>(out var text))
        {
            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)) return SaysNumber(userText, n, name);
            return ContainsWord(seenText, Normalise(text)) || IsoDateSaid(text, seenText) || LongDigitsSaid(text, seenText);
        }
        return decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && SaysNumber(userText, number, name);
    }

    /// <summary>
    /// Digits anywhere in the user's words; a number word only right before what the argument counts ("three bags" for
    /// <c>total_baggages</c>), because "one" is also a pronoun and an idiom ("one way", "the first one").
    /// </summary>
    private static bool SaysNumber(string userText, decimal number, string argumentName)
    {
        var digits = number.ToString("0.##", CultureInfo.InvariantCulture);
        if (ContainsWord(userText, digits)) return true;
        if (number is < 0 or > 10 || number != decimal.Truncate(number)) return false;
        var stems = Separators().Split(argumentName.ToLowerInvariant()).Where(w => w.Length >= 3).Select(w => w[..3]).ToList();
        return Regex.Matches(userText, $@"\b{NumberWords[(int)number]}\b((?: \w+){{1,2}})").Any(m =>
            m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => stems.Any(st => w.StartsWith(st, StringComparison.Ordinal))));
    }

    /// <summary>An identifier such as <c>credit_card_4421486</c> is named by its distinctive digits ("the card ending 4421486").</summary>
    private static bool LongDigitsSaid(string text, string seenText) =>
        LongDigits().Match(text) is { Success: true } m && ContainsWord(seenText, m.Value);

    /// <summary>"2024-05-20" is said as "May 20" or "20th of May".</summary>
    private static bool IsoDateSaid(string text, string seenText)
    {
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return false;
        var month = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(date.Month).ToLowerInvariant();
        var shortMonth = month[..3];
        return Regex.IsMatch(seenText, $@"\b({month}|{shortMonth})\.? {date.Day}(st|nd|rd|th)?\b|\b{date.Day}(st|nd|rd|th)? (of )?({month}|{shortMonth})\b");
    }

    private static bool ContainsWord(string haystack, string needle) =>
        needle.Length > 0 && Regex.IsMatch(haystack, $@"(?<![\w]){Regex.Escape(needle)}(?![\w])");

    /// <summary>Lower case, with "_" and "-" read as spaces, so <c>one_way</c> matches "one-way" and "one way".</summary>
    private static string Normalise(string text) => Separators().Replace(text.ToLowerInvariant(), " ");

    [GeneratedRegex(@"[_\-]+| {2,}")]
    private static partial Regex Separators();

    [GeneratedRegex(@"(?m)^\s*\d{1,2}[.)]\s")]
    private static partial Regex ListMarkers();

    [GeneratedRegex(@"\d{4,}")]
    private static partial Regex LongDigits();
}
