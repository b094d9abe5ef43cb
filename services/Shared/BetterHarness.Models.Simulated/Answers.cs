using System.Text.RegularExpressions;
using BetterHarness.Models.Simulated.Arguments;

namespace BetterHarness.Models.Simulated;

/// <summary>The simulated model's texts: a question for what it lacks, a clarifying question, or its final answer.</summary>
internal static partial class Answers
{
    private const int MaxValues = 12;

    public static string AskFor(IReadOnlyList<ToolParameter> missing) =>
        $"To do that I need your {string.Join(" and ", missing.Select(p => p.Name.Replace('_', ' ')))}. Could you provide it?";

    public static string Clarify() => "I'd like to help. Could you tell me a bit more about what you need?";

    /// <summary>
    /// After its calls: what it did and an excerpt of what the last tool returned; told to state values, every concrete
    /// value the user gave and the tools returned (ids, amounts, dates, names).
    /// </summary>
    public static string Final(ChatRequestView view, TurnPlan plan)
    {
        var done = plan.Tools.Count == 0 ? "I've gone through your request." : $"I've taken care of it ({string.Join(", then ", plan.Tools.Select(t => t.Name))}).";
        var results = view.ResultsThisTurn;
        if (!plan.StateValues)
            return results.Count == 0 ? done : $"{done} Result: {Excerpt(results[^1])}";
        var values = ConversationValues.Of([.. view.UserTurns.TakeLast(2), .. results], 2).Values
            .Where(IsConcrete).Select(v => v.Text).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxValues).ToList();
        return values.Count == 0 ? done : $"{done} The details: {string.Join(", ", values)}.";
    }

    /// <summary>An id, amount, date or code; or a capitalised name inside a sentence (not its first word).</summary>
    private static bool IsConcrete(ConversationValue v) => v.Text.Length >= 2
        && (v.Text.Any(char.IsDigit) || v.Text.Contains('_') || v.Text.Contains('@') || (v.Before.Count > 0 && Capitalised().IsMatch(v.Text)));

    private static string Excerpt(string text) => text.Length <= 160 ? text : text[..160] + "…";

    [GeneratedRegex(@"^[A-Z][a-z]+$|^[A-Z]{3,}$")]
    private static partial Regex Capitalised();
}
