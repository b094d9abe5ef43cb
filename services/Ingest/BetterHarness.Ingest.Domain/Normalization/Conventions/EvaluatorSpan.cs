using System.Text.Json;
using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Normalization.Conventions;

/// <summary>
/// An OpenInference EVALUATOR span is feedback on another span: the one it links to, else its parent.
/// The result sits in <c>metadata.*</c>/<c>eval.*</c> attributes or in <c>output.value</c>
/// (a number, or JSON with score/label/explanation).
/// </summary>
public static class EvaluatorSpan
{
    private static readonly string[] Prefixes = ["metadata.", "eval.", "evaluation.", ""];

    public static FeedbackEntry Feedback(SpanFacts facts)
    {
        var span = facts.Span;
        var target = span.Links.FirstOrDefault(l => l.TraceId == span.TraceId)?.SpanId ?? span.ParentSpanId;
        var output = JsonText.TryParse(facts.Output);
        string? Field(string name) =>
            Prefixes.Select(p => facts.Attributes.String(p + name)).FirstOrDefault(v => v is not null)
            ?? (output is { ValueKind: JsonValueKind.Object } o ? JsonText.Property(o, name) : null);

        var score = AttributeValue.AsDouble(Field("score")) ?? AttributeValue.AsDouble(facts.Output);
        var label = Field("label");
        if (score is null && label is null && output is null) label = facts.Output;
        return new FeedbackEntry(span.TraceId, target, score, label, Field("explanation"), Field("correction"),
            "evaluator_span", span.EndUnixNano)
        { Name = Field("evaluator_name") ?? Field("name") ?? span.Name };
    }
}
