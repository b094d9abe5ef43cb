using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Normalization.Messages;

/// <summary>
/// Merges the message sequences recorded across a trace into one transcript where every message
/// appears once. LLM inputs either repeat the whole history (most SDKs), a window of it, or only the
/// new messages (delta recording), and the same turn may also be an event or a tool span's result.
/// Sequences are merged in time order; each contributes only what the transcript does not end with yet.
/// </summary>
public sealed class TranscriptBuilder
{
    private readonly List<(ConversationMessage Message, string Key)> _transcript = [];

    public IReadOnlyList<ConversationMessage> Messages => [.. _transcript.Select(t => t.Message)];

    /// <param name="sequence">Messages as one span recorded them.</param>
    /// <param name="generated">True for what a model produced in that span: it is new by definition, even
    /// when it repeats the previous turn word for word (that repetition is itself worth detecting).</param>
    public void Append(IReadOnlyList<ConversationMessage> sequence, bool generated = false)
    {
        var items = sequence.Where(m => m.Role != Roles.System).Select(m => (Message: m, Key: MessageKey.Of(m))).ToList();
        if (items.Count == 0) return;
        if (generated)
        {
            _transcript.AddRange(items);
            return;
        }
        var known = SuffixOverlap(items);
        // Starting with the conversation's first message marks a history, even a partial one (a call
        // that sends only the original question); a delta would have to repeat that message verbatim.
        if (known == 0 && _transcript.Count > 0 && items[0].Key == _transcript[0].Key)
            known = HistoryPrefix(items);
        _transcript.AddRange(items.Skip(known));
    }

    /// <summary>Largest n such that the transcript ends with the sequence's first n messages:
    /// 0 for a delta, everything but the new turns for a full or windowed history.</summary>
    private int SuffixOverlap(List<(ConversationMessage Message, string Key)> items)
    {
        for (var n = Math.Min(items.Count, _transcript.Count); n > 0; n--)
        {
            var offset = _transcript.Count - n;
            var match = true;
            for (var i = 0; i < n && match; i++) match = _transcript[offset + i].Key == items[i].Key;
            if (match) return n;
        }
        return 0;
    }

    /// <summary>A history that starts like the transcript but skips some of its messages (for example
    /// tool results recorded only on tool spans): match it in order and keep what follows the first miss.</summary>
    private int HistoryPrefix(List<(ConversationMessage Message, string Key)> items)
    {
        var position = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var found = _transcript.FindIndex(position, t => t.Key == items[i].Key);
            if (found < 0) return i;
            position = found + 1;
        }
        return items.Count;
    }
}
