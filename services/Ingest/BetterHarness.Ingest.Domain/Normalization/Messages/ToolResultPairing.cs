using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Normalization.Messages;

/// <summary>
/// Pairs each tool result with the call it answers. Results carrying a call id pair by id; results without
/// one (legacy OpenLLMetry records tool messages without ids) pair by order with the oldest call still
/// unanswered, as the model itself reads them. A result then gets its call's id; when neither side has an
/// id both get the positional id <c>paired:N</c> (the Nth tool call of the transcript), so the pairing is
/// explicit in the model.
/// </summary>
internal static class ToolResultPairing
{
    public static IReadOnlyList<ConversationMessage> Pair(IReadOnlyList<ConversationMessage> messages)
    {
        var result = messages.ToList();
        var pending = new List<(int Message, int Call, int Ordinal)>();
        var ordinal = 0;
        for (var i = 0; i < result.Count; i++)
        {
            var message = result[i];
            if (message.Role != Roles.Tool)
            {
                // Results follow the turn that asked for them; calls left unanswered by then stay unanswered.
                pending.Clear();
                if (message.ToolCalls is { } calls)
                    for (var k = 0; k < calls.Count; k++) pending.Add((i, k, ++ordinal));
                continue;
            }
            if (pending.Count == 0) continue;
            var match = message.ToolCallId is { } id ? pending.FindIndex(p => CallOf(result, p).CallId == id) : -1;
            // By order: the oldest unanswered call that has no id of its own (any call, when the result has none).
            if (match < 0) match = pending.FindIndex(p => message.ToolCallId is null || CallOf(result, p).CallId is null);
            if (match < 0) continue;
            var (owner, call, number) = pending[match];
            pending.RemoveAt(match);
            var request = CallOf(result, (owner, call, number));
            var callId = request.CallId ?? message.ToolCallId ?? $"paired:{number}";
            if (request.CallId is null) result[owner] = WithCallId(result[owner], call, callId);
            if (message.ToolCallId is null) result[i] = message with { ToolCallId = callId };
        }
        return result;
    }

    private static ToolRequest CallOf(List<ConversationMessage> messages, (int Message, int Call, int Ordinal) pending) =>
        messages[pending.Message].ToolCalls![pending.Call];

    private static ConversationMessage WithCallId(ConversationMessage message, int call, string callId)
    {
        var calls = message.ToolCalls!.ToList();
        calls[call] = calls[call] with { CallId = callId };
        return message with { ToolCalls = calls };
    }
}
