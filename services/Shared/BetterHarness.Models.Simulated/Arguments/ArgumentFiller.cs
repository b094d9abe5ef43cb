using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BetterHarness.Models.Simulated.Instructions;

namespace BetterHarness.Models.Simulated.Arguments;

/// <summary>
/// Fills a tool's arguments from the values the conversation contains, by the schema alone: enum values the
/// conversation mentions; strings of the shape the parameter's example shows, preferring a value said next to a word
/// of the parameter's name ("reservation ZX81AA" for <c>reservation_id</c>) and otherwise the n-th such value for the
/// n-th such parameter (origin before destination); numbers next to a word of the name; free text from the user's last
/// turn. A required parameter it cannot fill is reported missing — the model then asks for it, unless told not to ask.
/// </summary>
internal static partial class ArgumentFiller
{
    private static readonly HashSet<string> WeakNameWords = ["id", "the", "of", "to", "a", "number", "code", "name"];
    private static readonly string[] FreeTextNames = ["summary", "reason", "thought", "message", "text", "note", "query", "description", "expression", "comment"];

    public static (Dictionary<string, object?> Arguments, IReadOnlyList<ToolParameter> Missing) Fill(DeclaredTool tool, ConversationValues values, string lastUserTurn)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        var missing = new List<ToolParameter>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in tool.Parameters)
        {
            var value = parameter.IsScalar ? Value(parameter, tool, values, lastUserTurn, used) : null;
            if (value is not null) arguments[parameter.Name] = value;
            else if (parameter.Required) missing.Add(parameter);
        }
        return (arguments, missing);
    }

    private static object? Value(ToolParameter parameter, DeclaredTool tool, ConversationValues values, string lastUserTurn, HashSet<string> used)
    {
        var nameWords = parameter.Name.ToLowerInvariant().Split('_', StringSplitOptions.RemoveEmptyEntries).Select(RuleParser.Stem)
            .Where(w => !WeakNameWords.Contains(w)).ToList();
        bool Near(ConversationValue v) => v.Before.Any(b => nameWords.Contains(RuleParser.Stem(b)));

        if (parameter.Enum.Count > 0)
        {
            var mentioned = parameter.Enum.FirstOrDefault(e => values.Values.Any(v => string.Equals(v.Text, e, StringComparison.OrdinalIgnoreCase)
                || string.Equals(v.Text, e.Replace('_', '-'), StringComparison.OrdinalIgnoreCase)));
            return mentioned ?? (parameter.Required ? parameter.Enum[0] : null);
        }
        switch (parameter.Type)
        {
            case "number" or "integer":
                var number = values.Values.LastOrDefault(v => Near(v) && double.TryParse(v.Text.TrimStart('$'), NumberStyles.Float, CultureInfo.InvariantCulture, out _));
                return number is null ? null : JsonSerializer.SerializeToElement(double.Parse(number.Text.TrimStart('$'), CultureInfo.InvariantCulture));
            case "boolean":
                return parameter.Required ? false : null;
        }
        if (IsFreeText(parameter)) return lastUserTurn.Length <= 300 ? lastUserTurn : lastUserTurn[..300];

        var shape = ValueShape.FromDescription(parameter.Description);
        var candidates = values.Values.Where(v => shape is not null ? shape.IsMatch(v.Text) : LooksLikeId(v.Text)).ToList();
        if (candidates.Count == 0) return null;
        var near = candidates.LastOrDefault(v => Near(v) && !used.Contains(v.Text));
        if (near is not null) { used.Add(near.Text); return near.Text; }
        // Parameters of the same shape take distinct values in the order the conversation gives them (origin, destination).
        var sameShape = tool.Parameters.Where(p => p.IsScalar && p.Enum.Count == 0 && p.Type == "string" && ShapeKey(p) == ShapeKey(parameter)).ToList();
        var sameShapeBefore = sameShape.IndexOf(parameter);
        var ordered = (candidates.Any(v => v.BeforeTurn) ? candidates.Where(v => v.BeforeTurn) : candidates)
            .Select(v => v.Text).Distinct(StringComparer.Ordinal).ToList();
        var pick = sameShape.Count > 1 ? ordered[Math.Min(sameShapeBefore, ordered.Count - 1)] : ordered.LastOrDefault(t => !used.Contains(t)) ?? ordered[^1];
        used.Add(pick);
        return pick;
    }

    internal static bool IsFreeText(ToolParameter parameter) =>
        ValueShape.FromDescription(parameter.Description) is null && FreeTextNames.Any(n => parameter.Name.Contains(n, StringComparison.OrdinalIgnoreCase));

    private static string ShapeKey(ToolParameter parameter) => ValueShape.FromDescription(parameter.Description)?.ToString() ?? "";

    private static bool LooksLikeId(string token) => token.Length >= 4 && token.Any(char.IsDigit) && IdLike().IsMatch(token);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex IdLike();
}
