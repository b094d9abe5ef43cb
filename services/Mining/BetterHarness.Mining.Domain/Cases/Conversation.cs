using BetterHarness.Contracts;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>Index arithmetic over a digest's messages: user turns, the agent turn each one answers, tool calls in a range.</summary>
public sealed class Conversation(TraceDigest digest)
{
    public IReadOnlyList<DigestMessage> Messages { get; } = digest.Messages;

    public static bool IsUser(DigestMessage m) => m.Role.Equals("user", StringComparison.OrdinalIgnoreCase);
    public static bool IsAssistant(DigestMessage m) => m.Role.Equals("assistant", StringComparison.OrdinalIgnoreCase);

    /// <summary>Each user message that replies to an agent text turn: (user index, agent text index).</summary>
    public IReadOnlyList<(int User, int Assistant)> ReplyPairs()
    {
        var pairs = new List<(int, int)>();
        var lastText = -1;
        for (var i = 0; i < Messages.Count; i++)
        {
            if (IsAssistant(Messages[i]) && Messages[i].Content.Trim().Length > 0) lastText = i;
            else if (IsUser(Messages[i]) && lastText >= 0 && Messages[i].Content.Trim().Length > 0) pairs.Add((i, lastText));
        }
        return pairs;
    }

    /// <summary>
    /// The reply pairs the correction detector scores: every one of a failed or corrected trace; of any other trace (ingest
    /// sent it only because its gate flagged a user turn, or a newer revision stopped failing) only the flagged turns, so a
    /// revision that is no longer flagged and has no candidate turn yields no correction.
    /// </summary>
    public IReadOnlyList<(int User, int Assistant)> DetectorPairs() => digest.IsFlagged()
        ? ReplyPairs()
        : ReplyPairs().Where(p => Messages[p.User].CorrectionCandidate).ToList();

    /// <summary>The last user message before <paramref name="index"/>, or -1.</summary>
    public int LastUserBefore(int index)
    {
        for (var i = index - 1; i >= 0; i--) if (IsUser(Messages[i])) return i;
        return -1;
    }

    /// <summary>Tool calls the agent requested in messages [from, to), in order.</summary>
    public IReadOnlyList<DigestToolRequest> CallsBetween(int from, int to) => Messages
        .Skip(Math.Max(0, from)).Take(Math.Max(0, Math.Min(to, Messages.Count) - Math.Max(0, from)))
        .Where(IsAssistant).SelectMany(m => m.ToolCalls ?? []).ToList();

    /// <summary>The first agent text at or after <paramref name="from"/> and before <paramref name="to"/>.</summary>
    public string? AnswerBetween(int from, int to) => Messages.Skip(from).Take(Math.Max(0, to - from))
        .FirstOrDefault(m => IsAssistant(m) && m.Content.Trim().Length > 0)?.Content;

    /// <summary>The index of the agent message that requested <paramref name="request"/> (the same instance), or the message count.</summary>
    public int IndexOfRequest(DigestToolRequest request)
    {
        for (var i = 0; i < Messages.Count; i++)
            if (Messages[i].ToolCalls?.Any(c => ReferenceEquals(c, request)) == true) return i;
        return Messages.Count;
    }

    public int MessageIndexOfSpan(string? spanId) =>
        spanId is null ? -1 : Messages.Select((m, i) => (m, i)).FirstOrDefault(p => p.m.SpanId == spanId, (null!, -1)).Item2;
}
