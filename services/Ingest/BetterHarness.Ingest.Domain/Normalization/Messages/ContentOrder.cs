using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Normalization.Messages;

/// <summary>
/// Corrects time order where the messages prove it wrong. SDKs stamp span starts and ends at different
/// resolutions (the JS SDK: whole milliseconds for the start, fractions for the end), and clocks differ
/// between processes, so the next LLM call can appear to start before the previous one ended; its input
/// history then seems to precede the previous call's output. What the messages say is causal: a call came
/// after another when its input contains the other's output, or extends the other's input (a longer history
/// that holds it). So a model's output moves ahead of the first such input — of a span that started no
/// earlier than the producing span and is not its ancestor (a wrapper) — and is then recognised as the same
/// message when that input repeats it, instead of being appended a second time.
/// </summary>
internal static class ContentOrder
{
    public static List<Transcript.Source> Apply(List<Transcript.Source> ordered, IReadOnlyList<SpanFacts> spans)
    {
        var ancestors = Ancestors(spans);
        var keys = ordered.Select(Keys).ToList();
        var inputs = ordered.Where(s => s.IsInput && !s.FromEvent).GroupBy(s => s.SpanIndex)
            .ToDictionary(g => g.Key, g => g.SelectMany(s => Keys(s)).ToList());
        for (var j = 0; j < ordered.Count; j++)
        {
            var output = ordered[j];
            if (!output.Generated || keys[j].Count == 0) continue;
            var producer = spans[output.SpanIndex].Span;
            var producerInput = inputs.GetValueOrDefault(output.SpanIndex) ?? [];
            for (var i = 0; i < j; i++)
            {
                var input = ordered[i];
                if (!input.IsInput || input.SpanIndex == output.SpanIndex) continue;
                var consumer = spans[input.SpanIndex].Span;
                if (consumer.StartUnixNano < producer.StartUnixNano || ancestors[output.SpanIndex].Contains(consumer.SpanId)) continue;
                var follows = ContainsRun(keys[i], keys[j])
                    || (producerInput.Count > 0 && keys[i].Count > producerInput.Count && ContainsRun(keys[i], producerInput));
                if (!follows) continue;
                ordered.RemoveAt(j);
                ordered.Insert(i, output);
                var moved = keys[j];
                keys.RemoveAt(j);
                keys.Insert(i, moved);
                break;
            }
        }
        return ordered;
    }

    private static List<string> Keys(Transcript.Source source) =>
        [.. source.Messages.Where(m => m.Role != Roles.System).Select(MessageKey.Of)];

    private static bool ContainsRun(List<string> haystack, List<string> run)
    {
        for (var start = 0; start + run.Count <= haystack.Count; start++)
        {
            var match = true;
            for (var k = 0; k < run.Count && match; k++) match = haystack[start + k] == run[k];
            if (match) return true;
        }
        return false;
    }

    private static List<HashSet<string>> Ancestors(IReadOnlyList<SpanFacts> spans)
    {
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in spans)
            if (f.Span.ParentSpanId is { } parent) parents.TryAdd(f.Span.SpanId, parent);
        return [.. spans.Select(f =>
        {
            var above = new HashSet<string>(StringComparer.Ordinal);
            var id = f.Span.SpanId;
            while (parents.TryGetValue(id, out var parent) && above.Add(parent)) id = parent;
            return above;
        })];
    }
}
