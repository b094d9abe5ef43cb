using BetterHarness.Contracts;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>
/// Rule 3 — a tool call failed and the agent later called the same tool successfully: the successful
/// arguments are the expected call. Input ends at the user message the failing call answered.
/// </summary>
public static class RecoveryDraft
{
    public static CaseDraft? From(TraceDigest digest, Conversation conversation)
    {
        var requests = conversation.Messages.Select((m, i) => (m, i)).Where(p => Conversation.IsAssistant(p.m))
            .SelectMany(p => (p.m.ToolCalls ?? []).Select(c => (Call: c, Index: p.i))).ToList();
        for (var k = 0; k < requests.Count; k++)
        {
            var failed = requests[k];
            if (!ToolCallFacts.Failed(failed.Call, digest.ToolCalls)) continue;
            var fix = requests.Skip(k + 1).FirstOrDefault(r => r.Call.Name == failed.Call.Name && !ToolCallFacts.Failed(r.Call, digest.ToolCalls));
            if (fix.Call is null) continue;
            var inputEnd = conversation.LastUserBefore(failed.Index) + 1;
            var spanId = digest.ToolCalls.FirstOrDefault(t => t.CallId == failed.Call.CallId && t.CallId is not null)?.SpanId ?? conversation.Messages[failed.Index].SpanId;
            return new CaseDraft(CaseDraft.ToolRecovery, inputEnd, spanId, null,
                $"Call {fix.Call.Name} with valid arguments the first time.", null, [failed.Call], [fix.Call], [fix.Call], null);
        }
        return null;
    }
}
