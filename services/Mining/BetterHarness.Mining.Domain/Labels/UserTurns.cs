using BetterHarness.Contracts;

namespace BetterHarness.Mining.Domain.Labels;

/// <summary>
/// One user message of a conversation as a label addresses it: <see cref="Index"/> is its 0-based position among the
/// conversation's user messages; <see cref="Assistant"/> is the agent reply right before it (empty when the user spoke first).
/// </summary>
/// <param name="MessageIndex">Its position among all the conversation's messages.</param>
/// <param name="AssistantIndex">The message index of that agent reply, or -1.</param>
public sealed record UserTurn(int Index, int MessageIndex, int AssistantIndex, string? SpanId, string Assistant, string User);

/// <summary>Numbers a conversation's user messages the way the labels API and the trace page do.</summary>
public static class UserTurns
{
    public static IReadOnlyList<UserTurn> Of(IReadOnlyList<DigestMessage> messages)
    {
        var turns = new List<UserTurn>();
        var lastReply = -1;
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            if (m.Role.Equals("assistant", StringComparison.OrdinalIgnoreCase) && m.Content.Trim().Length > 0) lastReply = i;
            else if (m.Role.Equals("user", StringComparison.OrdinalIgnoreCase))
                turns.Add(new UserTurn(turns.Count, i, lastReply, m.SpanId, lastReply >= 0 ? messages[lastReply].Content : "", m.Content));
        }
        return turns;
    }
}
