using BetterHarness.Contracts;
using BetterHarness.EvalCases.Cases;
using BetterHarness.EvalCases.Replay;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>
/// Builds a candidate case from a flagged digest. Order of evidence: a detected user correction (the
/// correction says what should have happened), then a correction written in feedback, then a failed tool
/// call the agent later repeated successfully (the recovery shows the right call). A failure that says
/// nothing about the right behaviour yields no case: clustering covers those.
/// </summary>
public sealed class CaseBuilder(TimeProvider clock)
{
    public EvalCase? Build(TraceDigest digest, IReadOnlyList<TurnVerdict> verdicts, string? clusterId)
    {
        var conversation = new Conversation(digest);
        var scores = verdicts.Select(v => new DetectorScore(digest.Messages[v.UserIndex].SpanId, v.Verdict.Score)).ToList();
        var draft = verdicts.FirstOrDefault(v => v.Verdict.IsCorrection) is { } correction
                ? CorrectionDraft.From(digest, conversation, correction, verdicts)
                : FeedbackDraft.From(digest, conversation) ?? RecoveryDraft.From(digest, conversation);
        if (draft is null) return null;

        var input = conversation.Messages.Take(draft.InputEnd)
            .Select(m => new CaseMessage(m.Role, m.Content, m.ToolCalls?.Select(c => new CaseToolCall(c.Name, ToolKey.Parse(c.Arguments))).ToList()))
            .ToList();
        var tags = CaseTagger.Tags(digest, draft);
        return new EvalCase
        {
            Id = CaseIds.For(digest.TraceId, digest.Revision),
            Summary = CaseSummary.Of(draft, tags),
            Input = new CaseInput { SystemInstructions = digest.SystemInstructions, Messages = input },
            Tools = new CaseTools { Definitions = ToolNames(digest), Recorded = ToolRecording.Record(digest.ToolCalls) },
            Expected = new CaseExpectation
            {
                Correction = draft.Correction, Behaviour = draft.Behaviour,
                ToolCalls = draft.ExpectedCalls.Select(c => new CaseToolCall(c.Name, ToolKey.Parse(c.Arguments))).ToList(),
            },
            Graders = GraderFactory.For(digest, draft),
            Tags = tags,
            Agent = AgentOf(digest),
            Provenance = new CaseProvenance(
                [new CaseSource(digest.TraceId, digest.Revision, draft.SpanId, digest.ConversationId, draft.Reason)],
                clusterId, scores, clock.GetUtcNow()),
        };
    }

    /// <summary>The agent's own name when the trace carries one (one service may host several agents), else the service.</summary>
    public static string? AgentOf(TraceDigest digest) =>
        !string.IsNullOrWhiteSpace(digest.AgentName) ? digest.AgentName : string.IsNullOrWhiteSpace(digest.ServiceName) ? null : digest.ServiceName;

    private static IReadOnlyList<string> ToolNames(TraceDigest digest) => digest.AvailableTools
        .Concat(digest.ToolCalls.Select(c => c.Name))
        .Concat(digest.Messages.SelectMany(m => m.ToolCalls ?? []).Select(c => c.Name))
        .Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
}
