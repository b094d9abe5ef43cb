using System.Text.RegularExpressions;

namespace BetterHarness.Models.Simulated.Arguments;

/// <summary>
/// The values a conversation contains — every token that could be an argument (ids, codes, names, numbers, dates) —
/// in order, each with the few words before it (so "reservation ZX81AA" ties the value to a parameter named
/// <c>reservation_id</c>) and whether the user said it or a tool returned it.
/// </summary>
internal sealed partial class ConversationValues
{
    private const int ContextWords = 5;

    private ConversationValues(IReadOnlyList<ConversationValue> values) => Values = values;

    public IReadOnlyList<ConversationValue> Values { get; }

    public static ConversationValues Of(IReadOnlyList<string> texts, int userTexts)
    {
        var values = new List<ConversationValue>();
        for (var i = 0; i < texts.Count; i++)
        {
            var words = new List<string>();
            foreach (Match m in Token().Matches(texts[i]))
            {
                var value = m.Value.Trim('.', ',', ':', ';', '\'', '"', ')', '(', '?', '!');
                if (value.Length > 0) values.Add(new ConversationValue(value, i, words.TakeLast(ContextWords).ToList(), i < userTexts));
                words.Add(value.ToLowerInvariant());
            }
        }
        return new ConversationValues(values);
    }

    [GeneratedRegex(@"[\p{L}\p{N}_@$./:'-]+")]
    private static partial Regex Token();
}

/// <param name="Source">Index of the text it came from (later = more recent).</param>
/// <param name="Before">The words just before it, lower case.</param>
internal sealed record ConversationValue(string Text, int Source, IReadOnlyList<string> Before, bool BeforeTurn);
