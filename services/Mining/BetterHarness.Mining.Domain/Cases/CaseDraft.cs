using BetterHarness.Contracts;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>
/// What a construction rule found before it becomes a case: where the input ends, the agent turn that went
/// wrong, what the agent did afterwards and why this trace is a case.
/// </summary>
/// <param name="InputEnd">Messages [0, InputEnd) are the case input.</param>
/// <param name="MistakenText">The agent text that was corrected, when there is one.</param>
/// <param name="MistakenCalls">Tool calls of the agent turn that went wrong.</param>
/// <param name="ExpectedCalls">Calls the agent made after the correction / recovery (the expected behaviour).</param>
/// <param name="ActionCalls">The last successful call per non-lookup tool after the correction: the action it led to.</param>
public sealed record CaseDraft(
    string Reason, int InputEnd, string? SpanId, string? Correction, string Behaviour, string? MistakenText,
    IReadOnlyList<DigestToolRequest> MistakenCalls, IReadOnlyList<DigestToolRequest> ExpectedCalls,
    IReadOnlyList<DigestToolRequest> ActionCalls, string? FinalAnswer)
{
    public const string UserCorrection = SignalKinds.UserCorrection;
    public const string FeedbackCorrection = "feedback_correction";
    public const string ToolRecovery = "tool_failure_recovery";
}
