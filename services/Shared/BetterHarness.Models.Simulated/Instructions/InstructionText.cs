using System.Text.RegularExpressions;

namespace BetterHarness.Models.Simulated.Instructions;

/// <summary>
/// Instructions as the simulation reads them: a list of sentences (lines, bullets and sentences; headings dropped)
/// and a salience that falls as the instructions grow, so every added word dilutes every rule.
/// </summary>
internal static partial class InstructionText
{
    public static IReadOnlyList<string> Sentences(string instructions) => instructions
        .Split('\n')
        .Select(line => Bullet().Replace(line.Trim(), "").Replace("**", "", StringComparison.Ordinal))
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .SelectMany(line => SentenceEnd().Split(line))
        .Select(s => s.Trim())
        .Where(s => Words(s) >= 3)
        .Distinct(StringComparer.Ordinal)
        .ToList();

    public static double Salience(string instructions, SimulatedModelOptions options)
    {
        var words = Words(instructions);
        return words <= options.SalienceFreeWords ? 1 : Math.Pow((double)options.SalienceFreeWords / words, options.SalienceExponent);
    }

    public static int Words(string text) => WordPattern().Count(text);

    [GeneratedRegex(@"^([-*•]|\d+[.)])\s+")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z""'(])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\S+")]
    private static partial Regex WordPattern();
}
