using BetterHarness.Ingest.Domain.Normalization.Messages;

namespace BetterHarness.Ingest.Domain.Normalization.Conventions;

/// <summary>
/// Arize OpenInference: <c>openinference.span.kind</c>, flattened <c>llm.input_messages</c>/<c>llm.output_messages</c>,
/// <c>input.value</c>/<c>output.value</c>, tool and token attributes, annotations and EVALUATOR spans.
/// </summary>
public sealed class OpenInferenceConvention : ISpanConvention
{
    public string Name => "openinference";

    public bool Read(SpanFacts facts)
    {
        var a = facts.Attributes;
        if (!a.Has("openinference.span.kind") && !a.HasPrefix("llm.input_messages.") && !a.HasPrefix("llm.output_messages.")
            && !a.Has("llm.model_name") && !a.HasPrefix("llm.token_count."))
            return false;

        var span = facts.Span;
        var kind = a.String("openinference.span.kind")?.ToUpperInvariant();
        facts.Kind ??= KindOf(kind) ?? (a.HasPrefix("llm.output_messages.") ? SpanKinds.Llm : null);
        facts.Model ??= a.String("llm.model_name");
        facts.Provider ??= a.String("llm.provider", "llm.system");
        facts.InputTokens ??= a.Long("llm.token_count.prompt");
        facts.OutputTokens ??= a.Long("llm.token_count.completion");
        facts.ConversationId ??= a.String("session.id");
        facts.UserId ??= a.String("user.id");

        facts.AddInputsIfNone(FlattenedMessages.Parse(a.TakePrefix("llm.input_messages."), span.SpanId, span.StartUnixNano));
        var reasons = new List<string>();
        facts.AddOutputsIfNone(FlattenedMessages.Parse(a.TakePrefix("llm.output_messages."), span.SpanId, span.EndUnixNano, reasons));
        facts.FinishReasons.AddRange(reasons);
        // The OpenAI instrumentation records the choice's finish reason on the span rather than per message.
        var finishReason = a.String("llm.finish_reason");
        if (facts.FinishReasons.Count == 0 && finishReason is not null) facts.FinishReasons.Add(finishReason);
        foreach (var (key, value) in a.TakePrefix("llm.tools."))
            if (key.EndsWith(".tool.json_schema", StringComparison.Ordinal))
            {
                facts.ToolDefinitions.AddRange(ToolDefinitions.Names(Spans.AttributeValue.AsString(value)));
                facts.ToolSpecs.AddRange(ToolDefinitions.Specs(Spans.AttributeValue.AsString(value)));
            }

        var input = a.String("input.value");
        var output = a.String("output.value");
        facts.Input ??= input;
        facts.Output ??= output;
        if (facts.Kind == SpanKinds.Tool)
        {
            facts.ToolName ??= a.String("tool.name");
            facts.ToolCallId ??= a.String("tool_call.id", "tool.id");
            facts.ToolArguments ??= input;
            facts.ToolResult ??= output;
            a.Take("tool.parameters"); // the tool's JSON schema, not the call's arguments
            a.Take("tool.description");
        }
        if (facts.Kind == SpanKinds.Llm && !facts.HasMessages)
        {
            // Without flattened messages the request and response bodies are the only record of the call.
            facts.AddInputsIfNone(MessageJson.Parse(input, span.SpanId, span.StartUnixNano));
            facts.AddOutputsIfNone(MessageJson.Parse(output, span.SpanId, span.EndUnixNano, facts.FinishReasons));
        }
        OpenInferenceAnnotations.Read(facts);
        if (kind == "EVALUATOR") facts.Feedback.Add(EvaluatorSpan.Feedback(facts));
        return true;
    }

    private static string? KindOf(string? kind) => kind switch
    {
        "LLM" => SpanKinds.Llm,
        "TOOL" => SpanKinds.Tool,
        "AGENT" => SpanKinds.Agent,
        "CHAIN" => SpanKinds.Chain,
        "EVALUATOR" => SpanKinds.Evaluator,
        null => null,
        _ => SpanKinds.Other, // RETRIEVER, EMBEDDING, RERANKER, GUARDRAIL, UNKNOWN
    };
}
