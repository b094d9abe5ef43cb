using BetterHarness.Contracts;
using BetterHarness.Mining.Domain.Cases;
using BetterHarness.Mining.Domain.Labels;
using BetterHarness.Mining.Domain.Redaction;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Mining.Labels;

/// <summary>
/// A curator's verdict on a correction-derived candidate becomes a label (source <c>review</c>) of each source's correcting
/// user turn, with who and when. It sits beside any person's label of the same turn and never replaces it: the person's wins.
/// </summary>
public sealed class ReviewLabels(TraceConversations conversations, LabelStore store, Redactor redactor, ILogger<ReviewLabels> logger)
{
    /// <summary>The labels stored (a source whose trace or turn cannot be found is skipped and logged).</summary>
    public async Task<IReadOnlyList<CorrectionLabel>> ApplyAsync(CorrectionVerdictGiven verdict, CancellationToken ct)
    {
        var stored = new List<CorrectionLabel>();
        var role = RoleNames.TryParse(verdict.Role, out var r) ? r : Role.Curator;
        var actor = new Actor(verdict.By, role, ActorKinds.User);
        foreach (var source in verdict.Sources)
        {
            var digest = await conversations.FindAsync(source.TraceId, ct);
            var agent = verdict.Agent ?? (digest is null ? null : CaseBuilder.AgentOf(digest));
            if (digest is null || agent is null || Turn(digest, source) is not { } turn)
            {
                logger.LogWarning("Review verdict on {Candidate}: trace {TraceId} span {SpanId} has no user turn to label", verdict.CandidateId, source.TraceId, source.SpanId);
                continue;
            }
            var label = new CorrectionLabel(agent, source.TraceId, turn.Index, verdict.IsCorrection, LabelSources.Review,
                verdict.Decision == "accept" ? LabelOrigins.ReviewAccept : LabelOrigins.ReviewReject, verdict.By, role.Name(),
                digest.ConversationId, turn.SpanId, turn.Assistant, turn.User, verdict.At);
            store.Save(label, actor);
            stored.Add(label);
        }
        return stored;
    }

    /// <summary>The correcting user turn: the one in the source's span that answers an agent reply; when several share the
    /// span, the one whose redacted text is the case's correction.</summary>
    private UserTurn? Turn(TraceDigest digest, CorrectionVerdictSource source)
    {
        var inSpan = UserTurns.Of(digest.Messages).Where(t => t.AssistantIndex >= 0 && t.SpanId == source.SpanId).ToList();
        if (inSpan.Count <= 1 || source.Correction is null) return inSpan.FirstOrDefault();
        return inSpan.FirstOrDefault(t => redactor.Redact(t.User) == source.Correction) ?? inSpan.FirstOrDefault(t => t.User == source.Correction);
    }
}
