using BetterHarness.Corrections;
using BetterHarness.Contracts;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>
/// Behaviour categories from what went wrong and the signals on the trace. The vocabulary is small and
/// stable because curators split the eval store by it.
/// </summary>
public static class CaseTagger
{
    public const string ToolSelection = "tool_selection";
    public const string ToolArguments = "tool_arguments";
    public const string FollowupQuality = "followup_quality";
    public const string MultiStep = "multi_step";
    public const string InstructionFollowing = "instruction_following";
    public const string ErrorRecovery = "error_recovery";
    public const string Factuality = "factuality";

    public static IReadOnlyList<string> Tags(TraceDigest digest, CaseDraft draft)
    {
        var tags = new SortedSet<string>(StringComparer.Ordinal);
        var mistaken = draft.MistakenCalls.Select(c => c.Name).ToHashSet();
        var expected = draft.ExpectedCalls.Select(c => c.Name).ToHashSet();
        if (expected.Count > 0 && !expected.IsSubsetOf(mistaken) && mistaken.Count > 0) tags.Add(ToolSelection);
        if (expected.Overlaps(mistaken)) tags.Add(ToolArguments);
        if (draft.ExpectedCalls.Select(c => c.Name).Distinct().Count() >= 2 || digest.Signals.Any(s => s.Kind is SignalKinds.StepLimit or SignalKinds.Loop)) tags.Add(MultiStep);
        if (digest.Signals.Any(s => s.Kind == SignalKinds.OverAsking) || draft.MistakenText?.TrimEnd().EndsWith('?') == true) tags.Add(FollowupQuality);
        if (draft.Reason == CaseDraft.ToolRecovery || digest.Signals.Any(s => s.Kind == SignalKinds.ToolFailure)) tags.Add(ErrorRecovery);
        if (draft.Correction is { } c && RestatesEarlierConstraint(digest, draft, c)) tags.Add(InstructionFollowing);
        if (expected.Count == 0 && draft.Reason == CaseDraft.UserCorrection && !tags.Contains(FollowupQuality)) tags.Add(Factuality);
        if (tags.Count == 0) tags.Add(InstructionFollowing);
        return tags.ToList();
    }

    /// <summary>The correction repeats something the user had already said, or says "I said / I meant".</summary>
    private static bool RestatesEarlierConstraint(TraceDigest digest, CaseDraft draft, string correction)
    {
        var cues = CorrectionCues.Compute("", correction, 0);
        if (cues[Array.IndexOf(CorrectionCues.Names, "i_said_meant")] > 0 || cues[Array.IndexOf(CorrectionCues.Names, "not_what_i")] > 0) return true;
        var earlier = string.Join(' ', digest.Messages.Take(draft.InputEnd).Where(Conversation.IsUser).Select(m => m.Content));
        return GraderFactory.NewFacts(correction, "").Any(f => f.Any(char.IsDigit) && earlier.Contains(f, StringComparison.OrdinalIgnoreCase));
    }
}
