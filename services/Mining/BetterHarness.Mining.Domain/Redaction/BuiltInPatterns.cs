using System.Text.RegularExpressions;

namespace BetterHarness.Mining.Domain.Redaction;

/// <summary>The patterns always applied, most specific first so a token is not half-eaten by the phone rule.</summary>
public static partial class BuiltInPatterns
{
    public static IReadOnlyList<RedactionPattern> All { get; } =
    [
        new("API_KEY", ApiKey()),
        new("TOKEN", Jwt()),
        new("TOKEN", Bearer()),
        new("TOKEN", SecretAssignment()),
        new("EMAIL", Email()),
        new("CARD", Card(), Luhn.IsValid),
        new("PHONE", Phone()),
    ];

    [GeneratedRegex(@"\b(?:sk|pk|rk)-(?:proj-|live-|test-)?[A-Za-z0-9_-]{16,}|\bgh[pousr]_[A-Za-z0-9]{20,}|\bAKIA[0-9A-Z]{16}\b|\bxox[abprs]-[A-Za-z0-9-]{10,}|\bAIza[0-9A-Za-z_-]{35}\b|\bglpat-[A-Za-z0-9_-]{20,}")]
    private static partial Regex ApiKey();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?<=\bBearer\s+)(?<value>[A-Za-z0-9._~+/-]{12,}=*)", RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();

    // key = value / "key": "value" (also inside escaped JSON text), whatever the secret looks like.
    [GeneratedRegex(@"(?i:\b(?:api[_-]?key|access[_-]?token|auth[_-]?token|token|secret|client[_-]?secret|password|passwd)\b)[\\""']{0,3}\s*[:=]\s*[\\""']{0,3}(?<value>[A-Za-z0-9._~+/-]{8,})")]
    private static partial Regex SecretAssignment();

    [GeneratedRegex(@"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\w-])(?:\d[ -]?){12,18}\d(?![\w-])")]
    private static partial Regex Card();

    // Needs separators or a leading + so flight numbers, amounts and ids are not phones.
    [GeneratedRegex(@"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?!\d)|(?<![\w+])\+\d{9,14}(?!\d)")]
    private static partial Regex Phone();
}

/// <summary>The card-number checksum: keeps order numbers and timestamps out of the CARD placeholder.</summary>
public static class Luhn
{
    public static bool IsValid(string candidate)
    {
        var digits = candidate.Where(char.IsDigit).Select(c => c - '0').ToArray();
        if (digits.Length is < 13 or > 19) return false;
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i];
            if (i % 2 == 1) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
