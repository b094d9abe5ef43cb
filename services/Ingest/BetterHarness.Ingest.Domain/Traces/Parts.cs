namespace BetterHarness.Ingest.Domain.Traces;

/// <summary>A tool as the agent defined it to its model: name, description, JSON-schema parameters (raw JSON).</summary>
public sealed record ToolSpec(string Name, string? Description, string? Parameters);

public sealed record AgentInvocation(string SpanId, string? Name, string? Model, long StartUnixNano, long EndUnixNano, string? Input, string? Output);

public sealed record LlmCall
{
    public required string SpanId { get; init; }
    public string? Provider { get; init; }
    public string? Model { get; init; }
    public IReadOnlyList<ConversationMessage> InputMessages { get; init; } = [];
    public IReadOnlyList<ConversationMessage> OutputMessages { get; init; } = [];
    public IReadOnlyList<ToolRequest> ToolCalls { get; init; } = [];
    public string? FinishReason { get; init; }
    public long? InputTokens { get; init; }
    public long? OutputTokens { get; init; }
    public long StartUnixNano { get; init; }
    public long EndUnixNano { get; init; }
}

public sealed record ToolExecution(
    string SpanId, string Name, string? CallId, string? Arguments, string? Result, string? Error,
    long StartUnixNano, long EndUnixNano);

/// <summary>A tool call requested by the model (in an assistant message or LLM output).</summary>
public sealed record ToolRequest(string Name, string? Arguments, string? CallId);

/// <summary>Role is system, user, assistant or tool.</summary>
public sealed record ConversationMessage(
    string Role, string Content, string? SpanId, long TimeUnixNano,
    IReadOnlyList<ToolRequest>? ToolCalls = null, string? ToolCallId = null);

/// <summary>An error on a span: status, exception event or error.type.</summary>
public sealed record TraceError(string SpanId, string? Type, string Message, string Source);

/// <summary>
/// Feedback on a trace or one of its spans. Source: api (POST /v1/feedback), gen_ai.evaluation.result,
/// openinference.annotation, evaluator_span.
/// </summary>
public sealed record FeedbackEntry(
    string TraceId, string? SpanId, double? Score, string? Label, string? Comment, string? Correction,
    string Source, long TimeUnixNano)
{
    /// <summary>What was evaluated or annotated (gen_ai.evaluation.name, annotation name), when known.</summary>
    public string? Name { get; init; }
}

/// <summary>Kind is llm, tool, agent, chain, evaluator or other; Convention names the convention recognised.</summary>
public sealed record NormalizedSpan(
    string SpanId, string? ParentSpanId, string Name, string Kind, string? Convention,
    long StartUnixNano, long EndUnixNano, string Status, string? StatusMessage,
    IReadOnlyDictionary<string, object?> Attributes);

/// <summary>A failure signal: what fired (one of <see cref="BetterHarness.Contracts.SignalKinds"/>), where, and the evidence.</summary>
public sealed record Signal(string Kind, string? SpanId, string Evidence, string? ErrorType = null, double? Score = null);
