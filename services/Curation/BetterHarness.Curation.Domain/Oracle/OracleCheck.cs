using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BetterHarness.Curation.Domain.Oracle;

/// <summary>
/// Grades a case against its own expected behaviour, as if a correct agent had done exactly what the case expects:
/// its calls are <c>expected.toolCalls</c>, its answer says what the correction says. A grader that fails here
/// would fail a correct agent too, so the queue marks it. Besides plain failures it flags free-text arguments
/// asserted verbatim (a summary, a message): the recorded wording passes, but a correct agent words it differently.
/// <c>llm_judge</c> needs a model and is reported as not graded.
/// </summary>
public static class OracleCheck
{
    /// <summary>An asserted string argument with this many words or characters is free text, not an identifier.</summary>
    public const int FreeTextWords = 6;
    public const int FreeTextChars = 60;

    public static OracleResult Run(JsonObject content)
    {
        var expected = content["expected"] as JsonObject;
        var calls = (expected?["toolCalls"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => (Name: Str(c, "name") ?? "", Arguments: c["arguments"] as JsonObject)).ToList();
        var answer = string.Join("\n", new[] { Str(expected, "correction"), Str(expected, "behaviour") }.OfType<string>());
        var failures = new List<OracleFailure>();
        var notGraded = new List<int>();
        var graders = content["graders"] as JsonArray ?? [];
        for (var i = 0; i < graders.Count; i++)
        {
            if (graders[i] is not JsonObject g) continue;
            var type = Str(g, "type") ?? "";
            if (type == "llm_judge") { notGraded.Add(i); continue; }
            if (Grade(type, g, calls, answer) is { } reason) failures.Add(new OracleFailure(i, type, reason));
        }
        return new OracleResult(failures.Count == 0 ? OracleResult.Passed : OracleResult.Failed, failures, notGraded);
    }

    private static string? Grade(string type, JsonObject g, List<(string Name, JsonObject? Arguments)> calls, string answer) => type switch
    {
        "tool_called" => ToolCalled(Str(g, "tool") ?? "", g["arguments"] as JsonObject, calls),
        "tool_not_called" => calls.Any(c => c.Name == Str(g, "tool"))
            ? $"the expected behaviour itself calls {Str(g, "tool")}" : null,
        "tool_order" => InOrder((g["tools"] as JsonArray ?? []).Select(t => t?.GetValue<string>() ?? "").ToList(), calls.Select(c => c.Name).ToList())
            ? null : "the expected calls are not in this order",
        "final_answer_contains" => answer.Contains(Str(g, "text") ?? "", StringComparison.OrdinalIgnoreCase)
            ? null : $"nothing in the expected behaviour says \"{Str(g, "text")}\"",
        "final_answer_matches" => Matches(Str(g, "pattern") ?? "", answer) ? null : "the expected behaviour does not match the pattern",
        _ => null,
    };

    private static string? ToolCalled(string tool, JsonObject? asserted, List<(string Name, JsonObject? Arguments)> calls)
    {
        var scalars = (asserted ?? []).Where(p => p.Value is JsonValue).ToList();
        foreach (var (name, value) in scalars)
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && IsFreeText(text))
                return $"asserts the free-text argument '{name}' verbatim (\"{Shorten(text)}\"); a correct agent words it differently — drop it from the grader or judge it with llm_judge";
        var candidates = calls.Where(c => c.Name == tool).ToList();
        if (candidates.Count == 0) return $"the expected behaviour never calls {tool}";
        var matching = candidates.Any(c => scalars.All(p => JsonNode.DeepEquals(p.Value, c.Arguments?[p.Key])));
        return matching ? null
            : $"no expected call of {tool} has {string.Join(", ", scalars.Select(p => $"{p.Key}={p.Value?.ToJsonString()}"))}";
    }

    private static bool IsFreeText(string text) =>
        text.Length > FreeTextChars || text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length >= FreeTextWords;

    private static bool InOrder(IReadOnlyList<string> wanted, IReadOnlyList<string> called)
    {
        var next = 0;
        foreach (var name in called)
            if (next < wanted.Count && name == wanted[next]) next++;
        return next == wanted.Count;
    }

    private static bool Matches(string pattern, string text)
    {
        try { return Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)); }
        catch (ArgumentException) { return false; }
        catch (RegexMatchTimeoutException) { return false; }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";

    private static string? Str(JsonObject? o, string field) => o?[field] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
