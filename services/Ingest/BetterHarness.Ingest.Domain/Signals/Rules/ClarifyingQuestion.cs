using System.Text.RegularExpressions;
using BetterHarness.Corrections;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Signals.Rules;

/// <summary>An assistant turn, without tool calls, that ends by asking the user for information
/// (not one that offers an action or asks for a yes/no confirmation).</summary>
public static partial class ClarifyingQuestion
{
    public static bool Is(ConversationMessage message) =>
        message.ToolCalls is not { Count: > 0 }
        && CorrectionCues.EndsWithQuestion(message.Content)
        && Request().IsMatch(message.Content)
        && !Confirmation().IsMatch(LastSentences(message.Content));

    private static string LastSentences(string text) => text.Length <= 300 ? text : text[^300..];

    /// <summary>The sentences that end in a question mark: what is actually being asked, as opposed to
    /// context the assistant gives first ("I found two reservations under your user ID. Which one …?").</summary>
    public static string Questions(string text) =>
        string.Join(" ", QuestionSentence().Matches(text).Select(m => m.Value.Trim()));

    [GeneratedRegex(@"[^.!?\n]*\?")]
    private static partial Regex QuestionSentence();

    [GeneratedRegex(@"\b((could|can|would) you (please )?(provide|share|give|tell|send|specify|clarify|let me know)|please (provide|share|specify|send|let me know|tell)|what (is|are|was) (your|the)|which\b|may i (have|know|ask)|i('ll| will)? need (your|the|to know))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Request();

    [GeneratedRegex(@"\b(confirm|proceed|go ahead|is (that|this) (correct|right)|would you like (me )?to|do you want (me )?to|shall i|should i)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Confirmation();
}
