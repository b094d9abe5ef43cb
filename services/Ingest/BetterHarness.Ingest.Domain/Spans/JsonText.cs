using System.Text.Encodings.Web;
using System.Text.Json;

namespace BetterHarness.Ingest.Domain.Spans;

/// <summary>JSON helpers shared by the conventions: lenient parsing and compact, comparable output.</summary>
public static class JsonText
{
    /// <summary>Relaxed escaping keeps non-ASCII text readable in transcripts and digests.</summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Parses JSON, or returns null: content is free text far more often than it is broken JSON.</summary>
    public static JsonElement? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var first = text.TrimStart()[0];
        if (first is not ('{' or '[' or '"')) return null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Strings unwrapped, everything else as compact JSON.</summary>
    public static string? AsText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => JsonSerializer.Serialize(element, Options),
    };

    /// <summary>Re-serialises JSON compactly so the same arguments compare equal whatever the spacing;
    /// text that is not JSON is returned trimmed.</summary>
    public static string? Canonical(string? text)
    {
        if (text is null) return null;
        var parsed = TryParse(text);
        return parsed is { } element && element.ValueKind != JsonValueKind.String
            ? JsonSerializer.Serialize(element, Options)
            : text.Trim();
    }

    public static string? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? AsText(value) : null;
}
