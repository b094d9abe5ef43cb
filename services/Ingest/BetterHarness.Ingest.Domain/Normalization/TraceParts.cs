using BetterHarness.Ingest.Domain.Normalization.Messages;
using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Normalization;

/// <summary>Turns the facts of one span into the parts of the common model.</summary>
public static class TraceParts
{
    public static LlmCall LlmCall(SpanFacts f) => new()
    {
        SpanId = f.Span.SpanId,
        Provider = f.Provider,
        Model = f.Model,
        InputMessages = [.. f.InputMessages],
        OutputMessages = [.. f.OutputMessages],
        ToolCalls = [.. f.OutputMessages.SelectMany(m => m.ToolCalls ?? [])],
        FinishReason = f.FinishReasons.FirstOrDefault(),
        InputTokens = f.InputTokens,
        OutputTokens = f.OutputTokens,
        StartUnixNano = f.Span.StartUnixNano,
        EndUnixNano = f.Span.EndUnixNano,
    };

    public static AgentInvocation Agent(SpanFacts f) => new(
        f.Span.SpanId, f.AgentName ?? f.Span.Name, f.Model, f.Span.StartUnixNano, f.Span.EndUnixNano,
        f.Input ?? Text(f.InputMessages), f.Output ?? Text(f.OutputMessages));

    public static ToolExecution Tool(SpanFacts f) => new(
        f.Span.SpanId, f.ToolName ?? f.Span.Name, f.ToolCallId, f.ToolArguments, f.ToolResult, ToolErrors.Of(f),
        f.Span.StartUnixNano, f.Span.EndUnixNano);

    public static NormalizedSpan Span(SpanFacts f) => new(
        f.Span.SpanId, f.Span.ParentSpanId, f.Span.Name, f.Kind ?? SpanKinds.Other, f.Conventions.FirstOrDefault(),
        f.Span.StartUnixNano, f.Span.EndUnixNano, Status(f.Span.StatusCode), f.Span.StatusMessage, f.Attributes.Unconsumed());

    private static string Status(SpanStatusCode code) => code switch
    {
        SpanStatusCode.Ok => "ok",
        SpanStatusCode.Error => "error",
        _ => "unset",
    };

    private static string? Text(IReadOnlyList<ConversationMessage> messages)
    {
        var text = string.Join("\n", messages.Where(m => m.Role != Roles.System && m.Content.Length > 0).Select(m => m.Content));
        return text.Length > 0 ? text : null;
    }
}
