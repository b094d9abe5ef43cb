using System.Text.Json;
using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Normalization.Conventions;

/// <summary>
/// Annotations recorded as attributes. No spec pins the layout, and exporters differ, so this reads
/// liberally: <c>annotations.{name}.{label|score|explanation}</c>, <c>annotations.{i}.name</c> lists,
/// a bare <c>annotations.label</c>, or a JSON list in <c>annotations</c>; <c>trace.annotations.*</c> applies
/// to the whole trace rather than the span.
/// </summary>
public static class OpenInferenceAnnotations
{
    private const string Source = "openinference.annotation";

    public static void Read(SpanFacts facts)
    {
        Read(facts, "trace.annotations", spanId: null);
        Read(facts, "annotations", facts.Span.SpanId);
    }

    private static void Read(SpanFacts facts, string prefix, string? spanId)
    {
        var a = facts.Attributes;
        var time = facts.Span.EndUnixNano;
        var traceId = facts.Span.TraceId;
        if (JsonText.TryParse(a.String(prefix)) is { } json)
        {
            var items = json.ValueKind == JsonValueKind.Array ? json.EnumerateArray().ToList() : [json];
            foreach (var item in items.Where(i => i.ValueKind == JsonValueKind.Object))
                facts.Feedback.Add(Entry(traceId, spanId, time, null, f => JsonText.Property(item, f)));
        }
        var groups = new Dictionary<string, Dictionary<string, string?>>(StringComparer.Ordinal);
        foreach (var (key, value) in a.TakePrefix(prefix + "."))
        {
            var dot = key.LastIndexOf('.');
            var group = dot < 0 ? "" : key[..dot];
            var field = dot < 0 ? key : key[(dot + 1)..];
            if (!groups.TryGetValue(group, out var fields)) groups[group] = fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            fields[field] = AttributeValue.AsString(value);
        }
        foreach (var (group, fields) in groups)
        {
            var groupName = group.Length == 0 || int.TryParse(group, out _) ? null : group;
            facts.Feedback.Add(Entry(traceId, spanId, time, groupName, fields.GetValueOrDefault));
        }
    }

    private static FeedbackEntry Entry(string traceId, string? spanId, long time, string? groupName, Func<string, string?> field)
    {
        var score = AttributeValue.AsDouble(field("score") ?? field("value"));
        return new FeedbackEntry(traceId, spanId, score, field("label"), field("explanation") ?? field("comment"),
            field("correction"), Source, time)
        { Name = field("name") ?? groupName };
    }
}
