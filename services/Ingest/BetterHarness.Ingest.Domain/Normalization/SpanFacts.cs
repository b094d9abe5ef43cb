using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Domain.Normalization;

/// <summary>
/// What the conventions found on one span. Conventions run in a fixed order and only fill what is
/// still empty (<c>??=</c>), so the first convention that knows a fact wins and none overwrites another.
/// </summary>
public sealed class SpanFacts(RawSpan span)
{
    public RawSpan Span { get; } = span;
    public SpanAttributes Attributes { get; } = new(span.Attributes);
    public List<string> Conventions { get; } = [];

    /// <summary>llm, tool, agent, chain, evaluator or other (see <see cref="SpanKinds"/>).</summary>
    public string? Kind { get; set; }
    public string? Provider { get; set; }
    public string? Model { get; set; }
    public string? AgentName { get; set; }
    public string? ConversationId { get; set; }
    public string? UserId { get; set; }

    public List<ConversationMessage> InputMessages { get; } = [];
    public List<ConversationMessage> OutputMessages { get; } = [];
    /// <summary>Messages recorded as span events (older GenAI semconv). Whether they are the input of an
    /// LLM call or standalone turns is decided once the span's kind is known.</summary>
    public List<ConversationMessage> EventInputs { get; } = [];
    public List<ConversationMessage> EventOutputs { get; } = [];
    public string? SystemInstructions { get; set; }
    public List<string> ToolDefinitions { get; } = [];
    public List<ToolSpec> ToolSpecs { get; } = [];

    public string? ToolName { get; set; }
    public string? ToolCallId { get; set; }
    public string? ToolArguments { get; set; }
    public string? ToolResult { get; set; }

    /// <summary>Free-form input/output (input.value, traceloop.entity.input, …) for agent and chain spans.</summary>
    public string? Input { get; set; }
    public string? Output { get; set; }

    public string? ErrorType { get; set; }
    public List<string> FinishReasons { get; } = [];
    public long? InputTokens { get; set; }
    public long? OutputTokens { get; set; }

    public List<FeedbackEntry> Feedback { get; } = [];

    public bool HasMessages => InputMessages.Count > 0 || OutputMessages.Count > 0;

    public void AddInputsIfNone(IEnumerable<ConversationMessage> messages)
    {
        if (InputMessages.Count == 0) InputMessages.AddRange(messages);
    }

    public void AddOutputsIfNone(IEnumerable<ConversationMessage> messages)
    {
        if (OutputMessages.Count == 0) OutputMessages.AddRange(messages);
    }
}
