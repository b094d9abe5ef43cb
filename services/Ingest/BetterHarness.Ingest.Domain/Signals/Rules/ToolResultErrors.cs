using System.Text.Json;
using BetterHarness.Ingest.Domain.Spans;

namespace BetterHarness.Ingest.Domain.Signals.Rules;

/// <summary>
/// Recognises tool results that report a failure although the span did not. Only the shape of the
/// result counts, never words inside data: an "Error:"/"Exception:" prefix, a Python traceback, or a
/// JSON object whose top level says so (<c>error</c> set, <c>isError: true</c>, <c>success: false</c>,
/// <c>status: "error"</c>). A result that merely mentions "error" (a log line, an article) does not.
/// </summary>
public static class ToolResultErrors
{
    private static readonly string[] Prefixes = ["error:", "error -", "exception:", "traceback (most recent call last)", "fatal:"];

    public static string? Describe(string? result)
    {
        if (string.IsNullOrWhiteSpace(result)) return null;
        var text = result.TrimStart();
        if (Prefixes.Any(p => text.StartsWith(p, StringComparison.OrdinalIgnoreCase))) return text;
        if (JsonText.TryParse(text) is not { ValueKind: JsonValueKind.Object } json) return null;
        if (json.TryGetProperty("error", out var error) && IsSet(error)) return JsonText.AsText(error);
        if (json.TryGetProperty("isError", out var isError) && isError.ValueKind == JsonValueKind.True) return text;
        if (json.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False) return text;
        if (JsonText.Property(json, "status") is { } status && status.Equals("error", StringComparison.OrdinalIgnoreCase)) return text;
        return null;
    }

    private static bool IsSet(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False or JsonValueKind.Undefined => false,
        JsonValueKind.String => !string.IsNullOrWhiteSpace(value.GetString()),
        JsonValueKind.Object => value.EnumerateObject().Any(),
        JsonValueKind.Array => value.GetArrayLength() > 0,
        _ => true,
    };
}
