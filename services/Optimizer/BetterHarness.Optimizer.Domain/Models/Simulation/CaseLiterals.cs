using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Optimizer.Domain.Models.Simulation;

/// <summary>
/// The literal values of one case — ids, codes, names with digits or underscores, amounts — as they appear in
/// its user turns, correction and expected arguments. An instruction quoting one of them is highly relevant to
/// that case and to no other: this is how the simulation makes overfitting work, and not generalise.
/// </summary>
internal static partial class CaseLiterals
{
    public static IReadOnlySet<string> Of(EvalCase evalCase)
    {
        var texts = evalCase.Input.Messages.Where(m => m.Role == "user").Select(m => m.Content)
            .Append(evalCase.Expected.Correction ?? "")
            .Concat(evalCase.Expected.ToolCalls.SelectMany(c => Scalars(c.Arguments)));
        return texts.SelectMany(t => Literal().Matches(t).Select(m => m.Value.Trim('.', ',', '-')))
            .Where(v => v.Length >= 4 && v.Any(c => char.IsDigit(c) || c == '_'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    public static bool Quotes(string rule, IReadOnlySet<string> literals) =>
        literals.Count > 0 && Literal().Matches(rule).Any(m => literals.Contains(m.Value.Trim('.', ',', '-')));

    private static IEnumerable<string> Scalars(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Scalars(p.Value)),
        JsonArray a => a.SelectMany(Scalars),
        JsonValue v => [v.ToString()],
        _ => [],
    };

    [GeneratedRegex(@"[\p{L}\p{N}_$@.,-]+")]
    private static partial Regex Literal();
}
