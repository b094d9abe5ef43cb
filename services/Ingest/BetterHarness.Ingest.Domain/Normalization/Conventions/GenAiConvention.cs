using BetterHarness.Ingest.Domain.Normalization.Messages;

namespace BetterHarness.Ingest.Domain.Normalization.Conventions;

/// <summary>OpenTelemetry GenAI semantic conventions, current attribute names first, deprecated ones after.</summary>
public sealed class GenAiConvention : ISpanConvention
{
    private static readonly string[] Markers =
    [
        "gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.system", "gen_ai.request.model", "gen_ai.agent.name",
        "gen_ai.tool.name", "gen_ai.input.messages", "gen_ai.output.messages", "gen_ai.conversation.id",
    ];

    public string Name => "gen_ai";

    public bool Read(SpanFacts facts)
    {
        var a = facts.Attributes;
        var hasEvents = facts.Span.Events.Any(e => e.Name.StartsWith("gen_ai.", StringComparison.Ordinal));
        if (!Markers.Any(a.Has) && !hasEvents) return false;

        facts.Kind ??= KindOf(a.String("gen_ai.operation.name"));
        facts.Provider ??= a.String("gen_ai.provider.name", "gen_ai.system");
        facts.Model ??= a.String("gen_ai.request.model", "gen_ai.response.model");
        facts.ConversationId ??= a.String("gen_ai.conversation.id");
        facts.AgentName ??= a.String("gen_ai.agent.name");
        facts.ToolName ??= a.String("gen_ai.tool.name");
        facts.ToolCallId ??= a.String("gen_ai.tool.call.id");
        facts.ToolArguments ??= a.String("gen_ai.tool.call.arguments");
        facts.ToolResult ??= a.String("gen_ai.tool.call.result");
        facts.ToolDefinitions.AddRange(ToolDefinitions.Names(a.String("gen_ai.tool.definitions")));
        facts.ToolSpecs.AddRange(ToolDefinitions.Specs(a.String("gen_ai.tool.definitions")));
        facts.SystemInstructions ??= MessageParts.InstructionsText(a.String("gen_ai.system_instructions"));
        facts.InputTokens ??= a.Long("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens");
        facts.OutputTokens ??= a.Long("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens");
        facts.FinishReasons.AddRange(a.Strings("gen_ai.response.finish_reasons"));

        var span = facts.Span;
        facts.AddInputsIfNone(MessageJson.Parse(a.String("gen_ai.input.messages"), span.SpanId, span.StartUnixNano));
        var reasons = new List<string>();
        facts.AddOutputsIfNone(MessageJson.Parse(a.String("gen_ai.output.messages"), span.SpanId, span.EndUnixNano, reasons));
        if (facts.FinishReasons.Count == 0) facts.FinishReasons.AddRange(reasons);

        GenAiEvents.Read(facts);
        return true;
    }

    private static string? KindOf(string? operation) => operation switch
    {
        "chat" or "text_completion" or "generate_content" => SpanKinds.Llm,
        "invoke_agent" => SpanKinds.Agent,
        "execute_tool" => SpanKinds.Tool,
        // create_agent and embeddings are real operations but neither is a turn of the conversation.
        null => null,
        _ => SpanKinds.Other,
    };
}
