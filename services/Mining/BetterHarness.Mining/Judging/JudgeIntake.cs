using BetterHarness.Contracts;
using BetterHarness.Mining.Domain.Cases;
using BetterHarness.Mining.Domain.Detection;
using BetterHarness.Mining.Domain.Labels;
using Microsoft.Extensions.Options;

namespace BetterHarness.Mining.Judging;

/// <summary>Queues for the judge the scored turns of a mined digest that fall in its scope (nothing while the judge is off).</summary>
public sealed class JudgeIntake(JudgeStore store, IOptions<JudgeOptions> options, TimeProvider time)
{
    public void Offer(TraceDigest digest, IReadOnlyList<TurnVerdict> verdicts)
    {
        var o = options.Value;
        if (!o.Enabled || CaseBuilder.AgentOf(digest) is not { } agent) return;
        var turns = UserTurns.Of(digest.Messages).ToDictionary(t => t.MessageIndex);
        var queued = verdicts.Where(v => o.Judges(v.Verdict.Score) && turns.ContainsKey(v.UserIndex))
            .Select(v => turns[v.UserIndex])
            .Select(t => new JudgeTurn(agent, digest.TraceId, t.Index, verdicts.First(v => v.UserIndex == t.MessageIndex).Verdict.Score,
                digest.ConversationId, t.SpanId, t.Assistant, t.User, 0))
            .ToList();
        store.Offer(queued, time.GetUtcNow().ToUnixTimeMilliseconds());
    }
}
