using System.Text.RegularExpressions;

namespace BetterHarness.Clustering.Domain.Signatures;

/// <summary>
/// Replaces the parts of a text that differ between occurrences of the same failure (ids, numbers, paths,
/// quoted values, timestamps, hex, uuids, e-mails, urls) with placeholders, so that two traces failing the
/// same way produce the same text: one embedding (cached) and one point for KMeans.
/// </summary>
public static partial class TextMasker
{
    // Order matters: the wide patterns (urls, paths, quotes) run before the narrow ones (numbers) would
    // chop them into pieces.
    private static readonly (Regex Pattern, string Placeholder)[] Rules =
    [
        (Url(), "<url>"),
        (Email(), "<email>"),
        (Uuid(), "<uuid>"),
        (Timestamp(), "<time>"),
        (ClockTime(), "<time>"),
        (FilePath(), "<path>"),
        (DoubleQuoted(), "<str>"),
        (SingleQuoted(), "<str>"),
        (Hex(), "<hex>"),
        (MixedId(), "<id>"),
        (Number(), "<num>"),
        (Whitespace(), " "),
    ];

    public static string Mask(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var masked = text;
        foreach (var (pattern, placeholder) in Rules) masked = pattern.Replace(masked, placeholder);
        return masked.Trim().ToLowerInvariant();
    }

    [GeneratedRegex(@"\b(?:https?|ftp|wss?)://[^\s""'<>)\]]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Uuid();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"\b\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\b")]
    private static partial Regex ClockTime();

    // Two or more separators: "/usr/lib/x.py", "C:\data\in.csv", "./a/b"; a lone "/" (e.g. "and/or") is left.
    [GeneratedRegex(@"(?:\b[A-Za-z]:|~|\.{1,2})?(?:[/\\][\w.@+-]+){2,}[/\\]?")]
    private static partial Regex FilePath();

    [GeneratedRegex(@"""[^""\r\n]{0,200}""")]
    private static partial Regex DoubleQuoted();

    // Not after a letter, so apostrophes in words ("don't", "user's") do not start a quote.
    [GeneratedRegex(@"(?<![\w])'[^'\r\n]{0,200}'")]
    private static partial Regex SingleQuoted();

    [GeneratedRegex(@"\b(?:0x[0-9a-f]+|(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Hex();

    // Tokens mixing letters and digits (ABC123, call_9f2k, order-7781) are identifiers, not words.
    [GeneratedRegex(@"\b(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[A-Za-z0-9][\w-]{3,}\b")]
    private static partial Regex MixedId();

    [GeneratedRegex(@"[-+]?\b\d+(?:[.,]\d+)*\b")]
    private static partial Regex Number();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
