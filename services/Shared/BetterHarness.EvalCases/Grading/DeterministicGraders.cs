using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.EvalCases.Grading;

/// <summary>The deterministic graders of schema v1, one small method each.</summary>
internal static partial class DeterministicGraders
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public static GraderResult ToolCalled(Grader g, GradedRun run)
    {
        if (string.IsNullOrEmpty(g.Tool)) return GraderResult.Skip(g.Type, "grader has no 'tool'");
        var calls = run.ToolCalls.Where(c => c.Name == g.Tool).ToList();
        if (calls.Count == 0) return GraderResult.Fail(g.Type, $"{g.Tool} was not called", g.Tool);
        var expected = ScalarArguments(g.Arguments);
        if (calls.Any(c => expected.All(e => ArgumentEquals(c.Arguments, e.Key, e.Value))))
            return GraderResult.Pass(g.Type, $"{g.Tool} called with the expected arguments", g.Tool);
        var closest = calls[0].Arguments?.ToJsonString() ?? "{}";
        var wanted = string.Join(", ", expected.Select(e => $"{e.Key}={e.Value.ToJsonString()}"));
        return GraderResult.Fail(g.Type, $"{g.Tool} called, but not with {wanted} (got {closest})", g.Tool);
    }

    public static GraderResult ToolNotCalled(Grader g, GradedRun run)
    {
        if (string.IsNullOrEmpty(g.Tool)) return GraderResult.Skip(g.Type, "grader has no 'tool'");
        var count = run.ToolCalls.Count(c => c.Name == g.Tool);
        return count == 0
            ? GraderResult.Pass(g.Type, $"{g.Tool} was not called", g.Tool)
            : GraderResult.Fail(g.Type, $"{g.Tool} was called {count} time(s)", g.Tool);
    }

    public static GraderResult ToolOrder(Grader g, GradedRun run)
    {
        if (g.Tools is not { Count: > 0 } tools) return GraderResult.Skip(g.Type, "grader has no 'tools'");
        var next = 0;
        foreach (var call in run.ToolCalls)
            if (next < tools.Count && call.Name == tools[next]) next++;
        return next == tools.Count
            ? GraderResult.Pass(g.Type, $"called in order: {string.Join(" → ", tools)}")
            : GraderResult.Fail(g.Type, $"expected {string.Join(" → ", tools)}; got {Names(run)}");
    }

    public static GraderResult NoClarifyingQuestion(Grader g, GradedRun run)
    {
        var question = run.AssistantTexts.Select(FindQuestion).FirstOrDefault(q => q is not null);
        return question is null
            ? GraderResult.Pass(g.Type, "no question to the user")
            : GraderResult.Fail(g.Type, $"asked: \"{question}\"");
    }

    public static GraderResult FinalAnswerContains(Grader g, GradedRun run)
    {
        if (string.IsNullOrEmpty(g.Text)) return GraderResult.Skip(g.Type, "grader has no 'text'");
        return run.FinalAnswer.Contains(g.Text, StringComparison.OrdinalIgnoreCase)
            ? GraderResult.Pass(g.Type, $"final answer contains \"{g.Text}\"")
            : GraderResult.Fail(g.Type, $"final answer lacks \"{g.Text}\"");
    }

    public static GraderResult FinalAnswerMatches(Grader g, GradedRun run)
    {
        if (string.IsNullOrEmpty(g.Pattern)) return GraderResult.Skip(g.Type, "grader has no 'pattern'");
        try
        {
            return Regex.IsMatch(run.FinalAnswer, g.Pattern, RegexOptions.None, RegexTimeout)
                ? GraderResult.Pass(g.Type, $"final answer matches /{g.Pattern}/")
                : GraderResult.Fail(g.Type, $"final answer does not match /{g.Pattern}/");
        }
        catch (ArgumentException ex) { return GraderResult.Skip(g.Type, $"invalid pattern: {ex.Message}"); }
        catch (RegexMatchTimeoutException) { return GraderResult.Fail(g.Type, "pattern timed out on the final answer"); }
    }

    /// <summary>Only scalar arguments are asserted (schema rule): objects and arrays are too often free-form.</summary>
    private static List<KeyValuePair<string, JsonNode>> ScalarArguments(JsonObject? arguments) => arguments is null ? [] :
        arguments.Where(p => p.Value is JsonValue).Select(p => KeyValuePair.Create(p.Key, p.Value!)).ToList();

    private static bool ArgumentEquals(JsonNode? arguments, string key, JsonNode expected)
    {
        if (arguments is not JsonObject o || !o.TryGetPropertyValue(key, out var actual) || actual is not JsonValue a) return false;
        var e = (JsonValue)expected;
        return (a.GetValueKind(), e.GetValueKind()) switch
        {
            (JsonValueKind.Number, JsonValueKind.Number) => Number(a) == Number(e),
            // A number sent as a string ("3" for 3) is the same value to every tool we have seen.
            (JsonValueKind.String, JsonValueKind.Number) or (JsonValueKind.Number, JsonValueKind.String)
                => Text(a) == Text(e),
            _ => a.GetValueKind() == e.GetValueKind() && Text(a) == Text(e),
        };
    }

    // Values built in code (JsonValue<int>) and parsed ones (JsonElement) convert differently; the JSON text does not.
    private static decimal? Number(JsonValue v) =>
        decimal.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;

    private static string Text(JsonValue v) =>
        v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString();

    private static string Names(GradedRun run) =>
        run.ToolCalls.Count == 0 ? "no calls" : string.Join(" → ", run.ToolCalls.Select(c => c.Name));

    /// <summary>A sentence ending in a question mark (not one inside a URL or code like <c>?id=</c>).</summary>
    private static string? FindQuestion(string text)
    {
        var match = QuestionSentence().Match(text);
        return match.Success ? match.Value.Trim() : null;
    }

    [GeneratedRegex(@"[^.!?\n]*\?(?=\s|$|[""')\]])")]
    private static partial Regex QuestionSentence();
}
