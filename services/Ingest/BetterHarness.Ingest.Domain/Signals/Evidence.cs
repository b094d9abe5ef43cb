using System.Text.RegularExpressions;

namespace BetterHarness.Ingest.Domain.Signals;

/// <summary>Evidence is shown to people and sent in digests: one line, short.</summary>
public static partial class Evidence
{
    public const int MaxLength = 300;

    public static string Short(string text, int max = MaxLength)
    {
        var line = Whitespace().Replace(text, " ").Trim();
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
