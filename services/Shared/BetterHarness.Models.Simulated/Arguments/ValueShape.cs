using System.Text;
using System.Text.RegularExpressions;

namespace BetterHarness.Models.Simulated.Arguments;

/// <summary>
/// The shape of a parameter's values, learnt from the example its schema description gives ("such as 'sara_doe_496'"
/// → lower-case words and digits joined by underscores; "such as 'JFK'" → three capitals). A parameter without an
/// example has no shape.
/// </summary>
internal static partial class ValueShape
{
    public static Regex? FromDescription(string description)
    {
        var example = Example().Match(description);
        return example.Success ? Of(example.Groups["v"].Value) : null;
    }

    internal static Regex? Of(string example)
    {
        if (example.Length == 0 || example.Contains(' ')) return null;
        if (example.All(c => char.IsUpper(c) || char.IsDigit(c)))
            return new Regex((example.Any(char.IsLetter) ? "^(?=.*[A-Z])" : "^") + $"[A-Z0-9]{{{example.Length}}}$", RegexOptions.CultureInvariant);
        if (example.All(char.IsLower)) return null;
        var pattern = new StringBuilder("^");
        foreach (Match run in Run().Matches(example))
        {
            var v = run.Value;
            pattern.Append(char.IsLower(v[0]) ? "[a-z]+" : char.IsUpper(v[0]) ? "[A-Z]+" : char.IsDigit(v[0]) ? "\\d+" : Regex.Escape(v));
        }
        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    [GeneratedRegex(@"(?:such as|e\.g\.|for example|like)\s*[""'](?<v>[^""']+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex Example();

    [GeneratedRegex(@"[a-z]+|[A-Z]+|\d+|[^A-Za-z0-9]+")]
    private static partial Regex Run();
}
