using BetterHarness.Contracts;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>
/// Rule 2 — a correction written in feedback (<c>POST /v1/feedback</c> with <c>correction</c>): the digest
/// carries it verbatim in <see cref="TraceDigest.Corrections"/>. The whole conversation up to the last user
/// message is the input; the correction, whole, is the expected behaviour. A digest without the field (published
/// before it existed, or archived then) has no correction text to draft from: the user_correction signal's evidence
/// is a trimmed line for people, never read back, so such a digest falls through to the next rule.
/// </summary>
public static class FeedbackDraft
{
    public static CaseDraft? From(TraceDigest digest, Conversation conversation)
    {
        if (digest.Corrections is not [var first, ..]) return null;
        var lastUser = conversation.LastUserBefore(conversation.Messages.Count);
        var inputEnd = lastUser + 1;
        return new CaseDraft(CaseDraft.FeedbackCorrection, inputEnd, first.SpanId, first.Text,
            "Respond as the reviewer's correction says.", conversation.AnswerBetween(inputEnd, conversation.Messages.Count),
            conversation.CallsBetween(inputEnd, conversation.Messages.Count), [], [], null);
    }
}
