using BetterHarness.Contracts;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>
/// Rule 2 — a correction written in feedback (<c>POST /v1/feedback</c> with <c>correction</c>): ingest
/// records it as a user_correction signal with score 1 on no user message. The whole conversation up to
/// the last user message is the input; the correction is the expected behaviour.
/// </summary>
public static class FeedbackDraft
{
    public static CaseDraft? From(TraceDigest digest, Conversation conversation)
    {
        var userSpans = digest.Messages.Where(Conversation.IsUser).Select(m => m.SpanId).ToHashSet();
        var feedback = digest.Signals.FirstOrDefault(s => s.Kind == "user_correction" && s.Score >= 1.0 && !userSpans.Contains(s.SpanId));
        if (feedback is null) return null;
        var colon = feedback.Evidence.IndexOf(": ", StringComparison.Ordinal);
        var correction = colon >= 0 ? feedback.Evidence[(colon + 2)..] : feedback.Evidence;
        var lastUser = conversation.LastUserBefore(conversation.Messages.Count);
        var inputEnd = lastUser + 1;
        return new CaseDraft(CaseDraft.FeedbackCorrection, inputEnd, feedback.SpanId, correction,
            "Respond as the reviewer's correction says.", conversation.AnswerBetween(inputEnd, conversation.Messages.Count),
            conversation.CallsBetween(inputEnd, conversation.Messages.Count), [], [], null);
    }
}
