namespace BetterHarness.Ingest.Domain.Normalization.Conventions;

/// <summary>
/// LangSmith's OTel mapping: <c>langsmith.span.kind</c> (llm, chain, tool, retriever, embedding, prompt, parser),
/// <c>langsmith.trace.session_id</c>, <c>langsmith.metadata.*</c>, plus the legacy prompt/completion attributes.
/// </summary>
public sealed class LangSmithConvention : ISpanConvention
{
    public string Name => "langsmith";

    public bool Read(SpanFacts facts)
    {
        var a = facts.Attributes;
        if (!a.HasPrefix("langsmith.")) return false;

        facts.Kind ??= a.String("langsmith.span.kind")?.ToLowerInvariant() switch
        {
            "llm" => SpanKinds.Llm,
            "tool" => SpanKinds.Tool,
            "chain" => SpanKinds.Chain,
            null => null,
            _ => SpanKinds.Other,
        };
        // Only the metadata keys understood here are consumed; the rest stays on the span.
        facts.ConversationId ??= a.String("langsmith.trace.session_id", "langsmith.metadata.session_id",
            "langsmith.metadata.thread_id", "langsmith.metadata.conversation_id");
        facts.UserId ??= a.String("langsmith.metadata.user_id", "langsmith.metadata.userId");
        // LangSmith names a tool run after the tool.
        var runName = a.String("langsmith.trace.name");
        if (facts.Kind == SpanKinds.Tool) facts.ToolName ??= runName ?? facts.Span.Name;

        LegacyPromptAttributes.Read(facts);
        if (facts.Kind == SpanKinds.Tool)
        {
            facts.ToolArguments ??= facts.Input;
            facts.ToolResult ??= facts.Output;
        }
        return true;
    }
}
