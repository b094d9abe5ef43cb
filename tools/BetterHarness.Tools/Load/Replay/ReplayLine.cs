using System.Text.Json;

namespace BetterHarness.Tools.Load.Replay;

/// <summary>One line of an <c>.otlp.jsonl</c> file: the request body as-is, plus what the summary and --wait need.</summary>
public sealed record ReplayLine(int Number, string Body, int SpanCount, IReadOnlyList<string> TraceIds)
{
    /// <summary>
    /// Counts spans and collects trace ids. A line that is not valid JSON is still sent: the server's
    /// answer (a 400 with its reason) tells the user more than we could.
    /// </summary>
    public static ReplayLine Parse(int number, string body)
    {
        var spans = 0;
        var traceIds = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(body);
            foreach (var span in Spans(doc.RootElement))
            {
                spans++;
                if (span.TryGetProperty("traceId", out var id) && id.ValueKind == JsonValueKind.String
                    && id.GetString() is { Length: 32 } hex)
                    traceIds.Add(hex.ToLowerInvariant());
            }
        }
        catch (JsonException)
        {
            spans = 0;
        }
        return new ReplayLine(number, body, spans, traceIds.ToArray());
    }

    private static IEnumerable<JsonElement> Spans(JsonElement request)
    {
        foreach (var resourceSpans in Array(request, "resourceSpans"))
        foreach (var scopeSpans in Array(resourceSpans, "scopeSpans"))
        foreach (var span in Array(scopeSpans, "spans"))
            yield return span;
    }

    private static IEnumerable<JsonElement> Array(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];
}
