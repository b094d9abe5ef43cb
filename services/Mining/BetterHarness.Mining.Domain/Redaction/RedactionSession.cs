using System.Text.RegularExpressions;

namespace BetterHarness.Mining.Domain.Redaction;

/// <summary>Placeholders handed out so far within one case: value → <c>[KIND_n]</c>.</summary>
internal sealed class RedactionSession(IReadOnlyList<RedactionPattern> patterns)
{
    private readonly Dictionary<(string Kind, string Value), string> _placeholders = [];
    private readonly Dictionary<string, int> _counts = [];

    public string Apply(string text)
    {
        foreach (var pattern in patterns)
            text = pattern.Regex.Replace(text, m => Replace(pattern, m));
        return text;
    }

    private string Replace(RedactionPattern pattern, Match match)
    {
        var group = match.Groups["value"];
        var value = group.Success ? group.Value : match.Value;
        if (value.StartsWith('[') || pattern.Accept?.Invoke(value) == false) return match.Value;
        var key = (pattern.Kind, Normalize(pattern.Kind, value));
        if (!_placeholders.TryGetValue(key, out var placeholder))
        {
            var n = _counts[pattern.Kind] = _counts.GetValueOrDefault(pattern.Kind) + 1;
            placeholder = _placeholders[key] = $"[{pattern.Kind}_{n}]";
        }
        return group.Success ? match.Value[..(group.Index - match.Index)] + placeholder + match.Value[(group.Index - match.Index + group.Length)..] : placeholder;
    }

    // "4111 1111 1111 1111" and "4111-1111-1111-1111" are one card; emails differ only in case.
    private static string Normalize(string kind, string value) => kind switch
    {
        "CARD" or "PHONE" => new string(value.Where(char.IsDigit).ToArray()),
        "EMAIL" => value.ToLowerInvariant(),
        _ => value,
    };
}
