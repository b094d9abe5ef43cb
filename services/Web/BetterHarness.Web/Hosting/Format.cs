using System.Globalization;
using System.Text.Json;

namespace BetterHarness.Web.Hosting;

/// <summary>How pages show times, durations and JSON. Every result is plain text: the view engine encodes it.</summary>
public static class Format
{
    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "—";

    public static string Iso(DateTimeOffset? at) => at?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "";

    public static string TimeNano(long unixNano) => Time(FromNano(unixNano));

    public static DateTimeOffset FromNano(long unixNano) => DateTimeOffset.FromUnixTimeMilliseconds(unixNano / 1_000_000);

    public static string Ago(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is not { } t) return "—";
        var d = now - t;
        return d.TotalSeconds < 0 ? "just now"
            : d.TotalMinutes < 1 ? $"{d.TotalSeconds:0} s ago"
            : d.TotalHours < 1 ? $"{d.TotalMinutes:0} min ago"
            : d.TotalDays < 1 ? $"{d.TotalHours:0} h ago"
            : $"{d.TotalDays:0} d ago";
    }

    public static string Duration(long startNano, long endNano)
    {
        var ms = (endNano - startNano) / 1_000_000.0;
        return ms < 1000 ? $"{ms:0} ms" : ms < 60_000 ? $"{ms / 1000:0.0} s" : $"{ms / 60_000:0.0} min";
    }

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Indented JSON when the text is JSON, else the text unchanged.</summary>
    public static string PrettyJson(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return text ?? "";
        var trimmed = text.TrimStart();
        if (trimmed[0] is not ('{' or '[')) return text;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return JsonSerializer.Serialize(doc.RootElement, Indented);
        }
        catch (JsonException)
        {
            return text;
        }
    }

    public static string PrettyJson(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? PrettyJson(element.GetString()) : JsonSerializer.Serialize(element, Indented);

    public static string Attribute(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // Readable text; the view engine still encodes every character that matters for HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
