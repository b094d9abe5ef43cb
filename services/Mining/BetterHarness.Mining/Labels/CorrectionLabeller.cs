using BetterHarness.Mining.Domain.Cases;
using BetterHarness.Mining.Domain.Labels;
using BetterHarness.ServiceDefaults.Security;

namespace BetterHarness.Mining.Labels;

/// <summary>What a labels request asks: user turn <see cref="UserTurn"/> of trace <see cref="TraceId"/> is (not) a correction, for <see cref="Agent"/>.</summary>
public sealed record LabelRequest(string Agent, string TraceId, int UserTurn, bool IsCorrection);

/// <summary>A label that cannot be stored, with the HTTP status that says why (400 bad turn, 404 unknown trace, 503 ingest down).</summary>
public sealed class LabelRefusedException(int status, string message) : Exception(message)
{
    public int Status => status;
}

/// <summary>
/// Stores a person's label: resolves the turn against the trace's conversation (ingest's, or the digest mining kept), keeps
/// the pair's text with the label (so training never needs the trace again) and, for a correction the detector missed,
/// proposes a candidate from it (<see cref="MissedCorrections"/>).
/// </summary>
public sealed class CorrectionLabeller(TraceConversations conversations, LabelStore store, MissedCorrections missed, TimeProvider clock)
{
    public async Task<CorrectionLabel> AddAsync(LabelRequest request, Actor actor, string origin, CancellationToken ct)
    {
        var digest = await conversations.FindAsync(request.TraceId, ct)
            ?? throw new LabelRefusedException(404, $"trace {request.TraceId} is unknown to ingest and mining");
        var turns = UserTurns.Of(digest.Messages);
        if (request.UserTurn >= turns.Count)
            throw new LabelRefusedException(400, turns.Count == 0
                ? $"trace {request.TraceId} has no user messages to label"
                : $"userTurn {request.UserTurn} is out of range: trace {request.TraceId} has {turns.Count} user message{(turns.Count == 1 ? "" : "s")} (0..{turns.Count - 1})");
        var turn = turns[request.UserTurn];
        var label = new CorrectionLabel(request.Agent, request.TraceId, request.UserTurn, request.IsCorrection, LabelSources.Person, origin,
            actor.Name, actor.Role.Name(), digest.ConversationId, turn.SpanId, turn.Assistant, turn.User, clock.GetUtcNow());
        store.Save(label, actor);
        if (request.IsCorrection) await missed.ProposeAsync(digest, turn, ct);
        return label;
    }

    /// <summary>The agent name a trace's candidates carry (its gen_ai.agent.name, else its service).</summary>
    public static string? AgentOf(BetterHarness.Contracts.TraceDigest digest) => CaseBuilder.AgentOf(digest);
}
