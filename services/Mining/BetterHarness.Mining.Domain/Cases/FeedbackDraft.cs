using BetterHarness.Contracts;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>
/// Rule 2 — a correction written in feedback (<c>POST /v1/feedback</c> with <c>correction</c>): the digest
/// carries it verbatim in <see cref="TraceDigest.Corrections"/>. The whole conversation up to the last user
/// message is the input; the correction, whole, is the expected behaviour.
/// </summary>
public static class FeedbackDraft
{
    public static CaseDraft? From(TraceDigest digest, Conversation conversation)
    {
        var found = digest.Corrections is { Count: > 0 } corrections
            ? (corrections[0].SpanId, corrections[0].Text)
            : FromOlderDigest(digest);
        if (found is not var (spanId, correction)) return null;
        var lastUser = conversation.LastUserBefore(conversation.Messages.Count);
        var inputEnd = lastUser + 1;
        return new CaseDraft(CaseDraft.FeedbackCorrection, inputEnd, spanId, correction,
            "Respond as the reviewer's correction says.", conversation.AnswerBetween(inputEnd, conversation.Messages.Count),
            conversation.CallsBetween(inputEnd, conversation.Messages.Count), [], [], null);
    }

    /// <summary>
    /// Digests published before <see cref="TraceDigest.Corrections"/> existed carry a feedback correction only as
    /// a score-1 user_correction signal on no user message, whose evidence is "source: text" cut to one line.
    /// </summary>
    private static (string? SpanId, string Text)? FromOlderDigest(TraceDigest digest)
    {
        var userSpans = digest.Messages.Where(Conversation.IsUser).Select(m => m.SpanId).ToHashSet();
        var signal = digest.Signals.FirstOrDefault(s => SignalKinds.IsCorrection(s.Kind) && s.Score >= 1.0 && !userSpans.Contains(s.SpanId));
        if (signal is null) return null;
        var colon = signal.Evidence.IndexOf(": ", StringComparison.Ordinal);
        return (signal.SpanId, colon >= 0 ? signal.Evidence[(colon + 2)..] : signal.Evidence);
    }
}
