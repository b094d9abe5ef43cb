using System.Text.RegularExpressions;
using BetterHarness.Contracts;

namespace BetterHarness.Clustering.Domain.Signatures;

/// <summary>
/// What the agent did at the point it failed, read from the conversation without a model: its last move
/// (<c>transferred</c>, <c>acted</c>, <c>refused</c>, <c>asked</c>, <c>answered</c>), the state-changing tools it called,
/// and how the user reacted last. Failures flagged only by feedback carry no error text, so this is what
/// tells "gave up and handed over" from "changed the booking" from "kept asking".
/// </summary>
/// <param name="Move">The agent's last substantive move.</param>
/// <param name="ActedOn">State-changing tools called (distinct, in order); read-only tools (get/search/list/…) are left out.</param>
/// <param name="FailingOutput">The agent's message at the failing point: the one a signal points at, else the last substantive one.</param>
/// <param name="Reaction">The user's last substantive message.</param>
public sealed partial record AgentBehaviour(string Move, IReadOnlyList<string> ActedOn, string? FailingOutput, string? Reaction)
{
    public static AgentBehaviour Of(TraceDigest digest)
    {
        var pointed = digest.Signals.Where(s => s.SpanId is not null).Select(s => s.SpanId).ToHashSet();
        var assistant = digest.Messages.Where(m => m.Role == "assistant" && IsSubstantive(m.Content)).ToList();
        var failing = assistant.LastOrDefault(m => m.SpanId is not null && pointed.Contains(m.SpanId)) ?? assistant.LastOrDefault();
        var requested = digest.Messages.Where(m => m.Role == "assistant").SelectMany(m => m.ToolCalls ?? []).Select(c => c.Name)
            .Concat(digest.ToolCalls.Select(t => t.Name)).Select(n => n.Trim()).Where(n => n.Length > 0);
        var actedOn = requested.Where(n => !IsReadOnly(n)).Distinct().ToList();
        var reaction = digest.Messages.LastOrDefault(m => m.Role == "user" && IsSubstantive(m.Content))?.Content;
        return new AgentBehaviour(LastMove(actedOn, failing?.Content), actedOn, failing?.Content, reaction);
    }

    /// <summary>A tool that only reads (by the verb its name starts with) changes nothing the user asked to change.</summary>
    public static bool IsReadOnly(string tool) => ReadVerb().IsMatch(tool);

    private static string LastMove(IReadOnlyList<string> actedOn, string? output)
    {
        if (actedOn.Any(t => Handover().IsMatch(t)) || (output is not null && HandoverText().IsMatch(output))) return "transferred";
        if (output is null) return actedOn.Count > 0 ? "acted" : "answered";
        if (Refusal().IsMatch(output)) return "refused";
        if (actedOn.Count > 0 && Done().IsMatch(output)) return "acted";
        if (output.TrimEnd().EndsWith('?') || Asking().IsMatch(output)) return "asked";
        return actedOn.Count > 0 ? "acted" : "answered";
    }

    /// <summary>Closings ("You're welcome! Safe travels!") and one-word end markers say nothing about the failure.</summary>
    private static bool IsSubstantive(string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Trim().Contains(' ') && !(text.Length < 200 && Closing().IsMatch(text));

    [GeneratedRegex(@"^(get|search|list|find|read|lookup|look_up|fetch|query|check|calculate|compute|think|describe|view|show|retrieve|count|validate|verify)(_|[A-Z]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ReadVerb();

    [GeneratedRegex(@"transfer|handoff|hand_off|escalat|human|operator", RegexOptions.IgnoreCase)]
    private static partial Regex Handover();

    [GeneratedRegex(@"\b(transfer(red|ring)? you|connect(ing)? you (to|with)|hand(ing)? (you |this )?over|escalat(e|ing))\b", RegexOptions.IgnoreCase)]
    private static partial Regex HandoverText();

    [GeneratedRegex(@"\b(unable to|can ?not|can't|not able to|not possible|not eligible|isn't eligible|unfortunately|against (our |the )?polic|not allowed|not permitted|do not allow|does not allow)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Refusal();

    [GeneratedRegex(@"\b(successfully|has been|have been|is now|are now|done|completed|booked|cancell?ed|updated|processed|issued)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Done();

    [GeneratedRegex(@"\b(would you like|do you want|could you (please )?(provide|confirm|tell)|please (provide|confirm|let me know)|can you (provide|confirm))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Asking();

    [GeneratedRegex(@"^\W*(you'?re welcome|thank(s| you)|goodbye|bye|have a (great|nice|good)|take care|safe travels|no problem|glad (I|to)|great|perfect)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Closing();
}
