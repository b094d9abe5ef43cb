using System.Globalization;
using System.Text.Json;
using BetterHarness.Ingest.Domain.Spans;

namespace BetterHarness.Ingest.Tests.Domain;

/// <summary>
/// Test-only reader for OTLP/JSON ExportTraceServiceRequest lines (hex ids, int64 as strings), so the
/// domain tests can use recorded traces without depending on the production parser.
/// </summary>
internal static class OtlpJsonLoader
{
    public static IReadOnlyList<RawSpan> ReadRequest(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var spans = new List<RawSpan>();
        foreach (var resourceSpans in Array(doc.RootElement, "resourceSpans"))
        {
            var resource = resourceSpans.TryGetProperty("resource", out var r) ? Attributes(r) : RawSpan.Empty;
            foreach (var scopeSpans in Array(resourceSpans, "scopeSpans"))
            {
                var scope = scopeSpans.TryGetProperty("scope", out var s) && s.TryGetProperty("name", out var n) ? n.GetString() : null;
                spans.AddRange(Array(scopeSpans, "spans").Select(span => Span(span, resource, scope)));
            }
        }
        return spans;
    }

    public static IEnumerable<string> Lines(string path) => File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l));

    private static RawSpan Span(JsonElement span, IReadOnlyDictionary<string, object?> resource, string? scope)
    {
        var status = span.TryGetProperty("status", out var st) ? st : default;
        return new RawSpan
        {
            TraceId = Text(span, "traceId")!,
            SpanId = Text(span, "spanId")!,
            ParentSpanId = Text(span, "parentSpanId") is { Length: > 0 } parent ? parent : null,
            Name = Text(span, "name") ?? "",
            Kind = (SpanKind)Int(span, "kind"),
            StartUnixNano = Long(span, "startTimeUnixNano"),
            EndUnixNano = Long(span, "endTimeUnixNano"),
            StatusCode = status.ValueKind == JsonValueKind.Object ? (SpanStatusCode)Int(status, "code") : SpanStatusCode.Unset,
            StatusMessage = status.ValueKind == JsonValueKind.Object ? Text(status, "message") : null,
            Attributes = Attributes(span),
            Events = [.. Array(span, "events").Select(e => new RawSpanEvent(Text(e, "name") ?? "", Long(e, "timeUnixNano"), Attributes(e)))],
            Links = [.. Array(span, "links").Select(l => new RawSpanLink(Text(l, "traceId") ?? "", Text(l, "spanId") ?? "", Attributes(l)))],
            Resource = resource,
            ScopeName = scope,
        };
    }

    private static IReadOnlyDictionary<string, object?> Attributes(JsonElement owner) =>
        Array(owner, "attributes").ToDictionary(kv => Text(kv, "key")!, kv => kv.TryGetProperty("value", out var v) ? Value(v) : null);

    private static object? Value(JsonElement any)
    {
        foreach (var p in any.EnumerateObject())
        {
            return p.Name switch
            {
                "stringValue" => p.Value.GetString(),
                "intValue" => long.Parse(p.Value.ToString(), CultureInfo.InvariantCulture),
                "doubleValue" => p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : double.Parse(p.Value.GetString()!, CultureInfo.InvariantCulture),
                "boolValue" => p.Value.GetBoolean(),
                "bytesValue" => Convert.FromBase64String(p.Value.GetString()!),
                "arrayValue" => Array(p.Value, "values").Select(Value).ToList(),
                "kvlistValue" => Attributes(RenameValues(p.Value)),
                _ => null,
            };
        }
        return null;
    }

    private static JsonElement RenameValues(JsonElement kvlist)
    {
        var values = kvlist.TryGetProperty("values", out var v) ? v.GetRawText() : "[]";
        using var doc = JsonDocument.Parse("{\"attributes\":" + values + "}");
        return doc.RootElement.Clone();
    }

    private static IEnumerable<JsonElement> Array(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : [];

    private static string? Text(JsonElement owner, string name) => owner.TryGetProperty(name, out var v) ? v.ToString() : null;

    private static long Long(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var v) ? long.Parse(v.ToString(), CultureInfo.InvariantCulture) : 0;

    private static int Int(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var v) ? int.Parse(v.ToString(), CultureInfo.InvariantCulture) : 0;
}
