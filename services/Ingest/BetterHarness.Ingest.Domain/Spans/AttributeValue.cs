using System.Globalization;
using System.Text.Json;

namespace BetterHarness.Ingest.Domain.Spans;

/// <summary>Reads the loosely typed attribute values of <see cref="RawSpan"/> as the type a convention expects.</summary>
public static class AttributeValue
{
    /// <summary>Strings as they are; numbers and bools invariant; arrays and kvlists as JSON, because
    /// instrumentations disagree on whether structured content is a JSON string or an OTLP array.</summary>
    public static string? AsString(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        _ => JsonSerializer.Serialize(ToPlain(value), JsonText.Options),
    };

    public static long? AsLong(object? value) => value switch
    {
        long l => l,
        double d when d % 1 == 0 => (long)d,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ => null,
    };

    public static double? AsDouble(object? value) => value switch
    {
        double d => d,
        long l => l,
        bool b => b ? 1 : 0,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    /// <summary>A string array, or a JSON array in a string (some SDKs flatten arrays that way), or one string.</summary>
    public static IReadOnlyList<string> AsStringList(object? value)
    {
        switch (value)
        {
            case null: return [];
            case IReadOnlyList<object?> list: return [.. list.Select(AsString).OfType<string>()];
            case string s when s.TrimStart().StartsWith('['):
                var parsed = JsonText.TryParse(s);
                if (parsed is { ValueKind: JsonValueKind.Array } array)
                    return [.. array.EnumerateArray().Select(JsonText.AsText).OfType<string>()];
                return [s];
            default:
                return AsString(value) is { } one ? [one] : [];
        }
    }

    private static object? ToPlain(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => ToPlain(kv.Value)),
        IReadOnlyList<object?> list => list.Select(ToPlain).ToList(),
        byte[] bytes => Convert.ToBase64String(bytes),
        _ => value,
    };
}
