using BetterHarness.Ingest.Domain.Normalization.Messages;

namespace BetterHarness.Ingest.Domain.Normalization.Conventions;

/// <summary>
/// The pre-semconv <c>gen_ai.prompt.{i}.*</c> / <c>gen_ai.completion.{i}.*</c> attributes emitted by
/// OpenLLMetry and accepted (and re-emitted) by LangSmith; also their unflattened JSON forms
/// <c>gen_ai.prompt</c> / <c>gen_ai.completion</c>.
/// </summary>
public static class LegacyPromptAttributes
{
    public static bool Present(SpanAttributes a) =>
        a.HasPrefix("gen_ai.prompt.") || a.HasPrefix("gen_ai.completion.") || a.Has("gen_ai.prompt") || a.Has("gen_ai.completion");

    public static void Read(SpanFacts facts)
    {
        var a = facts.Attributes;
        var span = facts.Span;
        var reasons = new List<string>();
        var inputs = FlattenedMessages.Parse(a.TakePrefix("gen_ai.prompt."), span.SpanId, span.StartUnixNano);
        var outputs = FlattenedMessages.Parse(a.TakePrefix("gen_ai.completion."), span.SpanId, span.EndUnixNano, reasons);
        var prompt = a.String("gen_ai.prompt");
        var completion = a.String("gen_ai.completion");
        if (inputs.Count == 0) inputs = MessageJson.Parse(prompt, span.SpanId, span.StartUnixNano);
        if (outputs.Count == 0) outputs = MessageJson.Parse(completion, span.SpanId, span.EndUnixNano, reasons);
        facts.AddInputsIfNone(inputs);
        facts.AddOutputsIfNone(outputs);
        if (facts.FinishReasons.Count == 0) facts.FinishReasons.AddRange(reasons);
        facts.Input ??= prompt;
        facts.Output ??= completion;
    }
}
