using System.Text.RegularExpressions;
using BetterHarness.Clustering.Domain.Signatures;
using BetterHarness.Contracts;

namespace BetterHarness.Clustering.Domain.Labels;

/// <summary>
/// A cluster's label as a short sentence an ops lead reads: what the agent did at the failing point, with which tool,
/// and how the user reacted — "update_reservation_flights fails: not enough seats on flight", "The agent calls
/// cancel_reservation after the user confirms, and the user rates it down". Built from the members' signatures only
/// (no model). A part is said only when it holds for at least half of the cluster's failures, so the sentence never
/// names a tool or a reaction that only a few members share. When the failure analyst is on, its statement for the
/// member closest to the centre is the sentence instead.
/// </summary>
public static partial class LabelSentence
{
    private const double Most = 0.5;
    private const int GistWords = 8;

    /// <summary>One distinct signature of the cluster and the failures that share it.</summary>
    public sealed record Member(SignatureText.Parsed Parsed, int Weight);

    /// <param name="members">The cluster's signatures, closest to its centre first.</param>
    /// <param name="dominantKind">The cluster's dominant signal kind.</param>
    /// <param name="requestTerms">Terms that set the cluster's user requests apart from the others' (may be empty).</param>
    public static string Of(IReadOnlyList<Member> members, string dominantKind, IReadOnlyList<string> requestTerms)
    {
        if (members.Count == 0) return "";
        if (members.FirstOrDefault(m => !string.IsNullOrWhiteSpace(m.Parsed.RootCause)) is { } analysed)
            return Capitalize(analysed.Parsed.RootCause!.Trim().TrimEnd('.'));
        (string Head, string Tail) action = dominantKind switch
        {
            SignalKinds.Exception or SignalKinds.ToolFailure or SignalKinds.Error => Failing(members),
            SignalKinds.Loop => (Majority(members, m => m.Parsed.Signature.Tools.FirstOrDefault()) is { } looped
                ? $"the agent repeats {looped} in a loop" : "the agent repeats itself in a loop", ""),
            SignalKinds.StepLimit => ("the agent runs out of steps", ""),
            SignalKinds.OverAsking => ("the agent asks for what the user already gave", ""),
            _ => (ByMove(members), ""),
        };
        var reaction = Majority(members, m => UserReaction.Of(m.Parsed.Signature.Reaction));
        if (dominantKind == SignalKinds.UserCorrection && reaction == UserReaction.PushesBack) reaction = null;
        var when = reaction switch
        {
            UserReaction.Confirms or UserReaction.AsksForHuman => $" after the user {reaction}",
            UserReaction.PushesBack => ", and the user pushes back",
            UserReaction.Ends => ", and the user leaves",
            // One shared word is too thin a topic ("last", "flight"); two that set the cluster's requests apart are one.
            _ => requestTerms.Count >= 2 ? $" when the user asks about {requestTerms[0]} and {requestTerms[1]}" : "",
        };
        var then = dominantKind switch
        {
            SignalKinds.NegativeFeedback => " (rated down)",
            SignalKinds.UserCorrection => " (corrected by the user)",
            _ => "",
        };
        return Capitalize(action.Head + when + action.Tail + then);
    }

    /// <summary>The tool that fails in most members and what its error says, else the error type or the error itself.</summary>
    private static (string Head, string Tail) Failing(IReadOnlyList<Member> members)
    {
        var tool = Majority(members, m => FailedTool(m.Parsed.Signature).Tool);
        // The exception a stack trace ends with says more than the first words of the error ("code execution failed").
        var gist = Majority(members, m => ExceptionName(m.Parsed.Signature)) ?? Majority(members, m => FailedTool(m.Parsed.Signature).Gist);
        var tail = gist is null ? "" : ": " + gist;
        if (tool is not null) return ($"{tool} fails", tail);
        if (Majority(members, m => m.Parsed.Signature.ErrorTypes.FirstOrDefault()) is { } type) return ($"{type} is raised", "");
        return gist is null ? ("the agent hits errors", "") : ("the agent hits an error", tail);
    }

    /// <summary>The error type, else the last exception name in the (lowercased) error text: <c>keyerror</c>, <c>filenotfounderror</c>.</summary>
    private static string? ExceptionName(FailureSignature signature) =>
        signature.ErrorTypes.FirstOrDefault() ?? ExceptionWord().Matches(signature.ErrorText).Select(m => m.Value).LastOrDefault();

    private static string ByMove(IReadOnlyList<Member> members)
    {
        var acted = Majority(members, m => m.Parsed.Signature.ActedOn?.FirstOrDefault(t => !Handover().IsMatch(t)));
        var nothing = Majority(members, m => m.Parsed.Signature.ActedOn is { Count: > 0 } ? null : "nothing") is not null;
        return Majority(members, m => m.Parsed.Signature.Move) switch
        {
            "transferred" => "the agent hands the user over to a human",
            "acted" => acted is null ? "the agent acts on the request" : $"the agent calls {acted}",
            "refused" => "the agent refuses the request",
            "asked" => nothing ? "the agent asks for more and never acts" : "the agent asks for more",
            "answered" => nothing ? "the agent answers without acting" : "the agent answers",
            _ => "the agent fails in different ways",
        };
    }

    /// <summary>
    /// The failed tool of a signature — its error evidence reads "tool: message", named as in its tools line — and the
    /// first clause of the message, placeholders left out.
    /// </summary>
    private static (string? Tool, string? Gist) FailedTool(FailureSignature signature)
    {
        var first = signature.ErrorText.Split(" | ", 2)[0];
        var colon = first.IndexOf(": ", StringComparison.Ordinal);
        string? tool = null;
        if (colon > 0 && signature.Tools.FirstOrDefault(t => string.Equals(t, first[..colon], StringComparison.OrdinalIgnoreCase)) is { } named)
        {
            tool = named;
            first = first[(colon + 2)..];
        }
        return (tool, Gist(first));
    }

    private static string? Gist(string error)
    {
        var text = ErrorPrefix().Replace(error, "");
        text = Placeholder().Replace(text.Split([',', ';', '.', '|', '(', '['], 2)[0], " ");
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(GistWords).ToArray();
        return words.Length == 0 ? null : string.Join(' ', words);
    }

    /// <summary>The value most of the cluster's failures share (weighted by failures), or null when none reaches half.</summary>
    private static string? Majority(IReadOnlyList<Member> members, Func<Member, string?> value)
    {
        var total = members.Sum(m => m.Weight);
        var best = members.Select(m => (Value: value(m), m.Weight)).Where(x => !string.IsNullOrWhiteSpace(x.Value))
            .GroupBy(x => x.Value!, StringComparer.Ordinal).Select(g => (g.Key, Weight: g.Sum(x => x.Weight)))
            .OrderByDescending(g => g.Weight).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        return best.Key is not null && best.Weight >= Most * total ? best.Key : null;
    }

    /// <summary>A sentence starts with a capital, unless it starts with a tool's name, which is shown as it is spelled.</summary>
    private static string Capitalize(string sentence)
    {
        var first = sentence.Split(' ', 2)[0];
        return first.Length == 0 || first.Contains('_') || !char.IsLower(first[0]) ? sentence : char.ToUpperInvariant(sentence[0]) + sentence[1..];
    }

    [GeneratedRegex(@"transfer|handoff|hand_off|escalat|human|operator", RegexOptions.IgnoreCase)]
    private static partial Regex Handover();

    [GeneratedRegex(@"^\s*(error|exception|failed|failure)\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ErrorPrefix();

    [GeneratedRegex(@"\b[a-z_]+(error|exception)\b")]
    private static partial Regex ExceptionWord();

    [GeneratedRegex(@"<[a-z]+>")]
    private static partial Regex Placeholder();
}
