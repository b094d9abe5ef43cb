using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BetterHarness.Curation.Domain.Cases;

/// <summary>Checks graders against the schema's grader table; the message names the grader and what is missing.</summary>
public static class GraderValidator
{
    public static readonly IReadOnlyList<string> Types =
        ["tool_called", "tool_not_called", "tool_order", "no_clarifying_question", "final_answer_contains", "final_answer_matches", "llm_judge"];

    public static JsonArray Validate(JsonArray graders)
    {
        for (var i = 0; i < graders.Count; i++)
        {
            if (graders[i] is not JsonObject g) throw new CaseFormatException($"graders[{i}] must be an object with a type");
            var type = Str(g, "type");
            string Need(string field) => Str(g, field) ?? throw new CaseFormatException($"graders[{i}] ({type}) needs a string '{field}'");
            switch (type)
            {
                case "tool_called":
                    Need("tool");
                    if (g["arguments"] is { } a && a is not JsonObject) throw new CaseFormatException($"graders[{i}] (tool_called) arguments must be an object");
                    break;
                case "tool_not_called": Need("tool"); break;
                case "tool_order":
                    if (g["tools"] is not JsonArray tools || tools.Count == 0 || tools.Any(t => t is not JsonValue v || !v.TryGetValue<string>(out _)))
                        throw new CaseFormatException($"graders[{i}] (tool_order) needs 'tools', an array of tool names");
                    break;
                case "no_clarifying_question": break;
                case "final_answer_contains": Need("text"); break;
                case "final_answer_matches":
                    try { _ = new Regex(Need("pattern"), RegexOptions.None, TimeSpan.FromSeconds(1)); }
                    catch (ArgumentException ex) { throw new CaseFormatException($"graders[{i}] (final_answer_matches) pattern is not a .NET regex: {ex.Message}"); }
                    break;
                case "llm_judge": Need("rubric"); break;
                default:
                    throw new CaseFormatException($"graders[{i}] type '{type ?? "(missing)"}' is not one of {string.Join(", ", Types)}");
            }
        }
        return graders;
    }

    private static string? Str(JsonObject o, string field) => o[field] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
