using BetterHarness.Ingest.Domain.Harnesses;
using BetterHarness.Ingest.Domain.Normalization;
using BetterHarness.Ingest.Domain.Normalization.Messages;
using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain;

/// <summary>
/// Builds the common model of one trace from its spans, whatever convention produced them. Signals are
/// left empty (see <see cref="TraceEvaluator"/>). <see cref="NormalizedSpan.Attributes"/> keeps
/// only the attributes no convention consumed: what was understood is in the structured parts, and
/// keeping bulky message JSON twice would double the store.
/// </summary>
public static class TraceNormalizer
{
    private static readonly SpanReader DefaultReader = new(SpanReader.DefaultConventions);

    public static NormalizedTrace Normalize(string traceId, IReadOnlyList<RawSpan> spans, IReadOnlyList<FeedbackEntry> externalFeedback) =>
        Normalize(traceId, spans, externalFeedback, DefaultReader);

    /// <summary>With a reader of one's own, e.g. to add a convention.</summary>
    public static NormalizedTrace Normalize(string traceId, IReadOnlyList<RawSpan> spans, IReadOnlyList<FeedbackEntry> externalFeedback, SpanReader reader)
    {
        // A retried export can deliver a span twice; the first copy is as good as the second.
        var ordered = spans.DistinctBy(s => s.SpanId).OrderBy(s => s.StartUnixNano).ThenBy(s => s.EndUnixNano).ToList();
        var facts = ordered.Select(reader.Read).ToList();
        var ids = ordered.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var root = facts.FirstOrDefault(f => string.IsNullOrEmpty(f.Span.ParentSpanId)) ?? facts.FirstOrDefault();
        // Trace-level facts are taken from the root first, then from the other spans in time order.
        var rootFirst = root is null ? facts : [root, .. facts.Where(f => f != root)];

        return new NormalizedTrace
        {
            TraceId = traceId,
            RootSpanId = root?.Span.SpanId,
            ServiceName = rootFirst.Select(f => AttributeValue.AsString(f.Span.Resource.GetValueOrDefault("service.name"))).FirstOrDefault(s => s is not null),
            AgentName = rootFirst.Where(f => f.Kind == SpanKinds.Agent).Select(f => f.AgentName).FirstOrDefault(n => n is not null)
                ?? rootFirst.Select(f => f.AgentName).FirstOrDefault(n => n is not null),
            ConversationId = rootFirst.Select(f => f.ConversationId).FirstOrDefault(c => c is not null),
            UserId = rootFirst.Select(f => f.UserId).FirstOrDefault(u => u is not null),
            StartUnixNano = ordered.Count == 0 ? 0 : ordered.Min(s => s.StartUnixNano),
            EndUnixNano = ordered.Count == 0 ? 0 : ordered.Max(s => s.EndUnixNano),
            SpanCount = ordered.Count,
            OrphanSpanCount = ordered.Count(s => !string.IsNullOrEmpty(s.ParentSpanId) && !ids.Contains(s.ParentSpanId)),
            Conventions = [.. facts.SelectMany(f => f.Conventions).Distinct()],
            SystemInstructions = rootFirst.Select(f => f.SystemInstructions).FirstOrDefault(s => s is not null)
                ?? facts.SelectMany(f => f.InputMessages).FirstOrDefault(m => m.Role == Roles.System)?.Content,
            AvailableTools = [.. facts.SelectMany(f => f.ToolDefinitions).Distinct()],
            ToolDefinitions = [.. facts.SelectMany(f => f.ToolSpecs).GroupBy(s => s.Name, StringComparer.Ordinal)
                .Select(g => g.OrderByDescending(s => (s.Description?.Length ?? 0) + (s.Parameters?.Length ?? 0)).First())],
            Origin = rootFirst.Select(f => AttributeValue.AsString(f.Span.Resource.GetValueOrDefault("betterharness.origin"))).FirstOrDefault(s => s is not null),
            DeclaredHarnessVersion = HarnessAttributor.VersionAttributes
                .Select(key => rootFirst.Select(f => AttributeValue.AsString(f.Span.Attributes.GetValueOrDefault(key))
                    ?? AttributeValue.AsString(f.Span.Resource.GetValueOrDefault(key))).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)))
                .FirstOrDefault(v => v is not null),
            Agents = [.. facts.Where(f => f.Kind == SpanKinds.Agent).Select(TraceParts.Agent)],
            LlmCalls = [.. facts.Where(f => f.Kind == SpanKinds.Llm).Select(TraceParts.LlmCall)],
            ToolExecutions = [.. facts.Where(f => f.Kind == SpanKinds.Tool).Select(TraceParts.Tool)],
            Messages = Transcript.Build(facts),
            Errors = [.. facts.SelectMany(ErrorCollector.Collect)],
            Feedback = [.. externalFeedback, .. facts.SelectMany(f => f.Feedback)],
            Spans = [.. facts.Select(TraceParts.Span)],
        };
    }
}
