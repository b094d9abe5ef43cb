using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BetterHarness.Contracts;
using BetterHarness.EvalCases.Replay;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>Facts about tool calls the graders need: argument subsets, lookups vs actions, failed executions.</summary>
public static partial class ToolCallFacts
{
    // Reading tools are cheap to call and rarely what a correction is about; naming conventions are shared widely.
    private static readonly string[] LookupPrefixes = ["get", "search", "list", "find", "lookup", "fetch", "read", "query", "calculate", "think", "check"];

    public static bool IsLookup(string tool)
    {
        var name = tool.ToLowerInvariant();
        return LookupPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
    }

    /// <summary>The scalar top-level arguments: what a grader can compare without over-fitting to nested structure.</summary>
    public static JsonObject ScalarSubset(string? arguments)
    {
        var subset = new JsonObject();
        if (ToolKey.Parse(arguments) is not JsonObject args) return subset;
        foreach (var (key, value) in args)
            if (value is JsonValue) subset[key] = value.DeepClone();
        return subset;
    }

    /// <summary>
    /// The arguments an assertion may require: scalar, and not free text. A summary, a note, a reason or a thought is
    /// written differently by every correct agent, so asserting it verbatim would fail runs that did the right thing;
    /// ids, codes, enums, numbers, dates and short names are what a correct call must get exactly right.
    /// </summary>
    public static JsonObject KeyArguments(string? arguments)
    {
        var subset = ScalarSubset(arguments);
        foreach (var key in subset.Where(p => IsFreeText(p.Value)).Select(p => p.Key).ToList()) subset.Remove(key);
        return subset;
    }

    /// <summary>A string of several words (three or more, or two that run past 30 characters) is prose, not a value.</summary>
    public static bool IsFreeText(JsonNode? value)
    {
        if (value is not JsonValue v || !v.TryGetValue<string>(out var text)) return false;
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return words >= 3 || (words == 2 && text.Length > 30);
    }

    /// <summary>
    /// True when the recorded execution of this request failed. Matched by call id and name (some exporters reuse call
    /// ids across a trace), preferring the execution with the same arguments; else by name and arguments.
    /// </summary>
    public static bool Failed(DigestToolRequest request, IReadOnlyList<DigestToolCall> executions) => ExecutionOf(request, executions)?.Error is not null;

    public static DigestToolCall? ExecutionOf(DigestToolRequest request, IReadOnlyList<DigestToolCall> executions)
    {
        var arguments = ToolKey.Canonical(request.Arguments);
        bool SameArguments(DigestToolCall e) => ToolKey.Canonical(e.Arguments) == arguments;
        var byId = request.CallId is null ? [] : executions.Where(e => e.CallId == request.CallId && e.Name == request.Name).ToList();
        return byId.FirstOrDefault(SameArguments) ?? byId.FirstOrDefault()
            ?? executions.FirstOrDefault(e => e.Name == request.Name && SameArguments(e));
    }

    /// <summary>
    /// A hand-off to people (transfer, escalate, hand off). After a correction it is usually the agent giving up, not
    /// what the user asked for, so it is expected only when the user asked for a person.
    /// </summary>
    public static bool IsEscalation(string tool)
    {
        var name = tool.ToLowerInvariant();
        return name.Contains("transfer_to", StringComparison.Ordinal) || name.Contains("escalat", StringComparison.Ordinal)
            || name.Contains("handoff", StringComparison.Ordinal) || name.Contains("hand_off", StringComparison.Ordinal);
    }

    /// <summary>
    /// Identifiers an action created in this trace: returned by a successful non-lookup call, absent from its arguments
    /// and from everything before it (a new reservation's id). A later call on such an id repairs the agent's own
    /// earlier action, which a correct agent never needed to do.
    /// </summary>
    public static IReadOnlySet<string> CreatedIds(IReadOnlyList<DigestToolCall> executions)
    {
        var created = new HashSet<string>(StringComparer.Ordinal);
        var seen = new System.Text.StringBuilder();
        foreach (var call in executions)
        {
            seen.Append(call.Arguments).Append('\n');
            if (call.Error is null && call.Result is { } result && !IsLookup(call.Name) && !IsEscalation(call.Name))
                foreach (var id in QuotedIds().Matches(result).Select(m => m.Groups[1].Value).Where(IsIdentifier))
                    if (!seen.ToString().Contains(id, StringComparison.Ordinal)) created.Add(id);
            seen.Append(call.Result).Append('\n');
        }
        return created;
    }

    /// <summary>Looks like a generated identifier: five or more letters/digits, with a digit or all upper case.</summary>
    public static bool IsIdentifier(string value) =>
        value.Length >= 5 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
        && (value.Any(char.IsAsciiDigit) || value.All(c => !char.IsAsciiLetterLower(c)));

    [GeneratedRegex("\"([A-Za-z0-9_\\-]{5,64})\"")]
    private static partial Regex QuotedIds();
}
