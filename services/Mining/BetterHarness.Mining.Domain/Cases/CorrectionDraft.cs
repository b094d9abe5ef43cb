using BetterHarness.Contracts;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>
/// Rule 1 — a user correction. Input: everything before the corrected agent turn (so the case asks the
/// agent to get it right the first time). Expected: the correction text, the calls the agent made after
/// the correction up to the next correction, and the action those calls led to.
/// </summary>
public static class CorrectionDraft
{
    public static CaseDraft From(TraceDigest digest, Conversation conversation, TurnVerdict correction, IReadOnlyList<TurnVerdict> verdicts)
    {
        var messages = conversation.Messages;
        var turnStart = conversation.LastUserBefore(correction.AssistantIndex);
        var inputEnd = turnStart >= 0 ? turnStart + 1 : correction.AssistantIndex;
        var windowEnd = verdicts.FirstOrDefault(v => v.Verdict.IsCorrection && v.UserIndex > correction.UserIndex)?.UserIndex ?? messages.Count;
        var mistakenCalls = conversation.CallsBetween(inputEnd, correction.UserIndex);
        var after = conversation.CallsBetween(correction.UserIndex + 1, windowEnd)
            .Where(c => !ToolCallFacts.Failed(c, digest.ToolCalls)).ToList();
        var actions = after.Where(c => !ToolCallFacts.IsLookup(c.Name)).GroupBy(c => c.Name).Select(g => g.Last()).ToList();
        var userText = messages[correction.UserIndex].Content;
        var behaviour = after.Count > 0
            ? $"Act on the user's intent without needing the correction: call {string.Join(", then ", after.Select(c => c.Name).Distinct().Take(4))}."
            : "Answer as the user's correction asks, without needing the correction.";
        return new CaseDraft(CaseDraft.UserCorrection, inputEnd, messages[correction.UserIndex].SpanId, userText, behaviour,
            messages[correction.AssistantIndex].Content, mistakenCalls, after.Take(8).ToList(), actions,
            conversation.AnswerBetween(correction.UserIndex + 1, windowEnd));
    }
}
