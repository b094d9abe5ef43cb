using System.Text.RegularExpressions;

namespace BetterHarness.Corrections;

/// <summary>
/// Hand-made features of an (assistant turn, user turn) pair that carry over from chit-chat and
/// task dialogues to tool-using agents: they describe how the user refers back to the agent
/// (negation of its claim, "I said / I meant", a restated number or constraint, "that makes no
/// sense") rather than what the conversation is about. The learned text features sit beside them.
/// </summary>
public static partial class CorrectionCues
{
    /// <summary>Feature names in vector order (documented in docs/correction-detector.md).</summary>
    public static readonly string[] Names =
    [..FirstNames, ..PairNames];

    // Properties, not fields: Names is initialised from them and partial files have no initialisation order.
    private static string[] FirstNames =>
    [
        "leading_no", "leading_no_after_question", "i_said_meant", "not_what_i", "you_wrong", "confusion",
        "mistake_word", "leading_actually", "negations", "contrast", "overlap", "negation_x_overlap",
        "restated_value", "assistant_question", "user_question", "pushback", "acceptance", "length",
        "confident_memory", "check_again", "should_be", "gives_info", "cosine", "explicit_dispute",
    ];

    /// <summary>Length of the cue vector (checked against <see cref="Names"/> by the tests).</summary>
    public const int VectorLength = 36;

    public static int Count => Names.Length;

    /// <summary>How many of the cues the first shipped model (24) used: the baseline recipe of the training tool.</summary>
    public static int FirstVersionCount => 24;

    /// <param name="cosine">MiniLM cosine of the two turns (0 when not computed).</param>
    public static float[] Compute(string assistant, string user, float cosine)
    {
        var u = Normalize(user);
        var a = Normalize(assistant);
        var assistantQuestion = a.TrimEnd().EndsWith('?') || QuestionNearEnd().IsMatch(a);
        var leadingNo = LeadingNo().IsMatch(u);
        var negations = Negation().Count(u);
        var overlap = Overlap(a, u);
        var refersBack = SaidMeant().IsMatch(u) || NotWhatI().IsMatch(u) || Contrast().IsMatch(u) || YouWrong().IsMatch(u);
        // "No, I asked for X" / "Actually, I meant Y": a rejection that points at what the user said before.
        var explicitDispute = (leadingNo || LeadingActually().IsMatch(u)) && refersBack;
        return
        [
            .. (float[])[B(leadingNo), B(leadingNo && assistantQuestion), B(SaidMeant().IsMatch(u)), B(NotWhatI().IsMatch(u)),
            B(YouWrong().IsMatch(u)), B(Confusion().IsMatch(u)), B(MistakeWord().IsMatch(u)), B(LeadingActually().IsMatch(u)),
            Math.Min(negations, 3) / 3f, B(Contrast().IsMatch(u)), overlap, Math.Min(negations, 1) * overlap,
            B(RestatesValue(a, u)), B(assistantQuestion), B(u.TrimEnd().EndsWith('?')), B(Pushback().IsMatch(u)),
            B(Acceptance().IsMatch(u)), MathF.Min(1f, MathF.Log(1 + u.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length) / 5f),
            B(ConfidentMemory().IsMatch(u)), B(CheckAgain().IsMatch(u)), B(ShouldBe().IsMatch(u)), B(GivesInfo().IsMatch(u)),
            cosine, B(explicitDispute)],
            .. PairFeatures(a, u, overlap, assistantQuestion),
        ];
    }

    private static float B(bool value) => value ? 1f : 0f;

    /// <summary>Lower case, straight apostrophes, single spaces: the form every cue pattern expects.</summary>
    public static string Normalize(string text) =>
        Whitespace().Replace(text.Replace('’', '\'').Replace('‘', '\'').ToLowerInvariant(), " ").Trim();

    /// <summary>Share of the user's content words that also occur in the assistant turn: a reference back to its claim.</summary>
    private static float Overlap(string assistant, string user)
    {
        var userWords = ContentWords(user);
        if (userWords.Count == 0) return 0;
        var assistantWords = ContentWords(assistant);
        return userWords.Count(assistantWords.Contains) / (float)userWords.Count;
    }

    private static HashSet<string> ContentWords(string text) =>
        Word().Matches(text).Select(m => m.Value).Where(w => w.Length > 3 && !StopWords.Contains(w)).ToHashSet();

    /// <summary>The user states a number/time the assistant also used a different value for ("3 passengers" vs "one").</summary>
    private static bool RestatesValue(string assistant, string user)
    {
        var userNumbers = Number().Matches(user).Select(m => m.Value).ToHashSet();
        if (userNumbers.Count == 0) return false;
        var assistantNumbers = Number().Matches(assistant).Select(m => m.Value).ToHashSet();
        return assistantNumbers.Count > 0 && userNumbers.Any(n => !assistantNumbers.Contains(n));
    }

    private static readonly HashSet<string> StopWords =
    [
        "that", "this", "with", "have", "what", "your", "from", "they", "will", "would", "there", "their", "about",
        "could", "please", "which", "when", "like", "just", "also", "been", "were", "then", "than", "them", "some",
        "want", "need", "know", "thank", "thanks", "sure", "yes", "okay", "help", "can't", "don't", "it's", "i'm",
    ];
}
