using BetterHarness.Ingest.Domain.Spans;

namespace BetterHarness.Ingest.Domain.Normalization;

/// <summary>
/// A span's attributes plus the set of keys a convention has read. What nobody read ends up in
/// <see cref="Traces.NormalizedSpan.Attributes"/>, so the store keeps the unknown and never duplicates
/// bulky content (messages, tool results) that already lives in the structured model.
/// </summary>
public sealed class SpanAttributes(IReadOnlyDictionary<string, object?> attributes)
{
    private readonly HashSet<string> _consumed = new(StringComparer.Ordinal);

    public bool Has(string key) => attributes.ContainsKey(key);

    public bool HasPrefix(string prefix) => attributes.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal));

    public object? Take(string key)
    {
        if (!attributes.TryGetValue(key, out var value)) return null;
        _consumed.Add(key);
        return value;
    }

    public string? String(string key) => AttributeValue.AsString(Take(key)) is { Length: > 0 } s ? s : null;

    /// <summary>The first of several synonymous keys (current name first, deprecated names after).</summary>
    public string? String(params ReadOnlySpan<string> keys)
    {
        string? found = null;
        foreach (var key in keys) found ??= String(key);
        return found;
    }

    public long? Long(params ReadOnlySpan<string> keys)
    {
        long? found = null;
        foreach (var key in keys) found ??= AttributeValue.AsLong(Take(key));
        return found;
    }

    public IReadOnlyList<string> Strings(string key) => AttributeValue.AsStringList(Take(key));

    /// <summary>Every key under the prefix, with the prefix removed; all of them count as read.</summary>
    public IReadOnlyDictionary<string, object?> TakePrefix(string prefix)
    {
        var found = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in attributes)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
            _consumed.Add(key);
            found[key[prefix.Length..]] = value;
        }
        return found;
    }

    public IReadOnlyDictionary<string, object?> Unconsumed() =>
        attributes.Where(kv => !_consumed.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
}
