using System.Text.Json;

namespace BetterHarness.Tools.Load.Replay;

/// <summary>Reads <c>partialSuccess</c> from an OTLP/JSON export response: the spans the server refused, and why.</summary>
public static class PartialSuccess
{
    public static (long Rejected, string? Reason) FromJson(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return (0, null);
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("partialSuccess", out var partial)
                || partial.ValueKind != JsonValueKind.Object)
                return (0, null);
            var rejected = partial.TryGetProperty("rejectedSpans", out var r) ? ReadInt64(r) : 0;
            var reason = partial.TryGetProperty("errorMessage", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString() : null;
            return (rejected, string.IsNullOrEmpty(reason) ? null : reason);
        }
        catch (JsonException)
        {
            return (0, null);
        }
    }

    // OTLP/JSON writes int64 as a string, but some servers emit a plain number: accept both.
    private static long ReadInt64(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var n) => n,
        JsonValueKind.String when long.TryParse(value.GetString(), out var s) => s,
        _ => 0,
    };
}
