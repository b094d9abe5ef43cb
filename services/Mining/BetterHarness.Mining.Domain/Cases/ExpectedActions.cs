using System.Text.RegularExpressions;
using BetterHarness.Contracts;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>
/// The <c>tool_called</c> assertions of a draft: the action the correction (or recovery) led to, or the first call
/// after it when no action followed. In a failed conversation what the agent did next is evidence, not truth, so
/// an assertion keeps only what a correct agent must also do:
/// <list type="bullet">
/// <item>arguments whose values the conversation determines (<see cref="ArgumentGrounding"/>), never free text;</item>
/// <item>no call that repairs the agent's own earlier action (cancelling the reservation it had just booked wrongly);</item>
/// <item>no hand-off to people unless the user asked for one before the agent offered it;</item>
/// <item>a lookup (only when no action followed) only when it looks up something the correction names.</item>
/// </list>
/// </summary>
public static partial class ExpectedActions
{
    public static IReadOnlyList<Grader> Assertions(TraceDigest digest, CaseDraft draft)
    {
        var conversation = new Conversation(digest);
        var created = ToolCallFacts.CreatedIds(digest.ToolCalls);
        var candidates = draft.ActionCalls.Count > 0 ? draft.ActionCalls : draft.ExpectedCalls.Take(1).ToList();
        var graders = new List<Grader>();
        foreach (var call in candidates.Where(c => !Repairs(c, created)).Reverse().DistinctBy(c => c.Name).Reverse())
        {
            var index = conversation.IndexOfRequest(call);
            if (ToolCallFacts.IsEscalation(call.Name) && !UserAskedForPerson(conversation, index)) continue;
            var arguments = ArgumentGrounding.Grounded(ToolCallFacts.KeyArguments(call.Arguments), conversation.Messages, index);
            if (ToolCallFacts.IsLookup(call.Name) && draft.Reason != CaseDraft.ToolRecovery && !NamedBy(arguments, draft.Correction)) continue;
            graders.Add(Grader.ToolCalled(call.Name, arguments));
        }
        return graders;
    }

    private static bool Repairs(DigestToolRequest call, IReadOnlySet<string> created) =>
        ToolCallFacts.KeyArguments(call.Arguments).Any(p => p.Value is System.Text.Json.Nodes.JsonValue v
            && v.TryGetValue<string>(out var s) && created.Contains(s));

    /// <summary>The user asked for a person in a turn that did not answer the agent's own offer of one.</summary>
    private static bool UserAskedForPerson(Conversation conversation, int before)
    {
        var agentOffered = false;
        foreach (var message in conversation.Messages.Take(before))
        {
            if (Conversation.IsAssistant(message) && message.Content.Trim().Length > 0) agentOffered = Person().IsMatch(message.Content) || Offer().IsMatch(message.Content);
            else if (Conversation.IsUser(message) && !agentOffered && Person().IsMatch(message.Content)) return true;
        }
        return false;
    }

    private static bool NamedBy(System.Text.Json.Nodes.JsonObject arguments, string? correction) =>
        correction is not null && arguments.Any(p => p.Value?.ToString() is { Length: > 0 } v && correction.Contains(v, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"\b(human|real person|a person|someone|representative|supervisor|manager|live agent|transfer me)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Person();

    [GeneratedRegex(@"\b(transfer|escalat|hand (you )?off|connect you)", RegexOptions.IgnoreCase)]
    private static partial Regex Offer();
}
