using System.Text.Json.Nodes;
using BetterHarness.Contracts;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>Facts about tool calls the graders need: argument subsets, lookups vs actions, failed executions.</summary>
public static class ToolCallFacts
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
        if (ToolReplay.ParseArguments(arguments) is not JsonObject args) return subset;
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

    /// <summary>True when the recorded execution of this request failed (matched by call id, else by name and arguments).</summary>
    public static bool Failed(DigestToolRequest request, IReadOnlyList<DigestToolCall> executions)
    {
        var execution = executions.FirstOrDefault(e => request.CallId is not null && e.CallId == request.CallId)
            ?? executions.FirstOrDefault(e => e.Name == request.Name && ToolReplay.Canonical(e.Arguments) == ToolReplay.Canonical(request.Arguments));
        return execution?.Error is not null;
    }
}
