using System.Text.RegularExpressions;

namespace BetterHarness.Mining.Domain.Redaction;

/// <summary>
/// A kind of sensitive value and how to find it. When the regex has a group named <c>value</c>, only that
/// group is replaced (e.g. the secret after <c>api_key=</c>); <see cref="Accept"/> can veto a match
/// (card numbers must pass the Luhn check).
/// </summary>
public sealed record RedactionPattern(string Kind, Regex Regex, Func<string, bool>? Accept = null)
{
    public static RedactionPattern Custom(string kind, string pattern) =>
        new(kind.ToUpperInvariant(), new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200)));
}
