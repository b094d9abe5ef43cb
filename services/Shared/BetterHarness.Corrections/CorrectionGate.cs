namespace BetterHarness.Corrections;

/// <summary>
/// Ingest's cheap, high-recall gate: is a user turn worth the correction detector's time? It passes every reply except
/// the plainly benign ones — accepting ("yes, go ahead", "thanks"), closing ("no, that's all"), or giving what the agent
/// asked for — and even those pass when any dispute cue, negation or question is in them. The learned detector in
/// mining decides; the gate only keeps obviously harmless traffic away from it. Chosen on three quarters of the
/// labelled turns and measured on the rest (docs/correction-detector.md, "One detection path").
/// </summary>
public static class CorrectionGate
{
    // Cues that make a reply plainly benign, and cues that any dispute shows; by name, so the vector can grow.
    private static readonly int[] Benign = Indexes("acceptance", "closing_no", "answers_request", "gives_info");

    private static readonly int[] Dispute = Indexes(
        "evidence_score", "leading_no", "i_said_meant", "not_what_i", "you_wrong", "confusion", "mistake_word", "leading_actually",
        "negations", "contrast", "restated_value", "user_question", "confident_memory", "check_again", "should_be",
        "explicit_dispute", "x_not_y", "own_words", "insists", "dispute_with_value", "misunderstanding");

    /// <summary>True when <paramref name="user"/>, replying to <paramref name="assistant"/>, may correct it.</summary>
    public static bool IsCandidate(string assistant, string user)
    {
        if (string.IsNullOrWhiteSpace(user)) return false;
        var cues = CorrectionCues.Compute(assistant, user, 0);
        return Dispute.Any(i => cues[i] > 0) || !Benign.Any(i => cues[i] > 0);
    }

    private static int[] Indexes(params string[] names) => names.Select(n =>
        Array.IndexOf(CorrectionCues.Names, n) is var i and >= 0 ? i : throw new InvalidOperationException($"unknown cue {n}")).ToArray();
}
