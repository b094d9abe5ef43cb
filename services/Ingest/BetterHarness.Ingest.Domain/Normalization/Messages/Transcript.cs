using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Normalization.Messages;

/// <summary>Collects every place a trace records messages and merges them with <see cref="TranscriptBuilder"/>.</summary>
public static class Transcript
{
    internal sealed record Source(long Time, int Order, bool FromEvent, int SpanIndex, bool Generated, IReadOnlyList<ConversationMessage> Messages)
    {
        public bool IsInput => Order == Input;
    }

    // At equal timestamps a span's output precedes another span's input: the later step starts as the earlier ends.
    internal const int Output = 0;
    internal const int Input = 1;

    public static IReadOnlyList<ConversationMessage> Build(IReadOnlyList<SpanFacts> spans)
    {
        var echoing = SpansAboveLlmCalls(spans);
        var sources = new List<Source>();
        for (var i = 0; i < spans.Count; i++)
        {
            var facts = spans[i];
            var span = facts.Span;
            // An LLM call's output is new; so is an agent's when no LLM span below it produced it.
            // Wrapper spans above LLM calls only echo what their children said.
            var generated = !echoing.Contains(span.SpanId);
            sources.Add(new Source(span.StartUnixNano, Input, false, i, false, facts.InputMessages));
            sources.Add(new Source(span.EndUnixNano, Output, false, i, generated, facts.OutputMessages));
            sources.AddRange(facts.EventInputs.Select(m => new Source(m.TimeUnixNano, Input, true, i, false, [m])));
            sources.AddRange(facts.EventOutputs.Select(m => new Source(m.TimeUnixNano, Output, true, i, false, [m])));
            if (facts.Kind == SpanKinds.Tool && ToolResultMessage(facts) is { } result)
                sources.Add(new Source(span.EndUnixNano, Output, false, i, false, [result]));
        }
        var builder = new TranscriptBuilder();
        // A turn recorded both as an event and as an LLM input is attributed to the LLM span that consumed it.
        var ordered = sources.OrderBy(s => s.Time).ThenBy(s => s.Order).ThenBy(s => s.FromEvent).ThenBy(s => s.SpanIndex).ToList();
        foreach (var source in ContentOrder.Apply(ordered, spans))
            builder.Append(source.Messages, source.Generated);
        return ToolResultPairing.Pair(builder.Messages);
    }

    /// <summary>Ids of the ancestors of LLM spans.</summary>
    private static HashSet<string> SpansAboveLlmCalls(IReadOnlyList<SpanFacts> spans)
    {
        var parents = spans.Where(f => f.Span.ParentSpanId is not null)
            .DistinctBy(f => f.Span.SpanId).ToDictionary(f => f.Span.SpanId, f => f.Span.ParentSpanId!, StringComparer.Ordinal);
        var above = new HashSet<string>(StringComparer.Ordinal);
        foreach (var llm in spans.Where(f => f.Kind == SpanKinds.Llm))
        {
            var id = llm.Span.SpanId;
            while (parents.TryGetValue(id, out var parent) && above.Add(parent)) id = parent;
        }
        return above;
    }

    /// <summary>The tool's answer as the model sees it; for traces without LLM spans it is the only record.</summary>
    private static ConversationMessage? ToolResultMessage(SpanFacts facts)
    {
        var content = facts.ToolResult ?? ToolErrors.Of(facts);
        return content is null ? null : new ConversationMessage(Roles.Tool, content, facts.Span.SpanId, facts.Span.EndUnixNano, null, facts.ToolCallId);
    }
}
