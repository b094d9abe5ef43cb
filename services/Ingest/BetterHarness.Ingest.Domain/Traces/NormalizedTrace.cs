namespace BetterHarness.Ingest.Domain.Traces;

/// <summary>
/// One trace in the common model, whatever LLM span convention produced it: conversation,
/// LLM calls, tool executions, messages, errors and feedback; plus the failure signals found on it.
/// </summary>
public sealed record NormalizedTrace
{
    public required string TraceId { get; init; }
    public string? RootSpanId { get; init; }
    public string? ServiceName { get; init; }
    public string? AgentName { get; init; }
    public string? ConversationId { get; init; }
    public string? UserId { get; init; }
    public long StartUnixNano { get; init; }
    public long EndUnixNano { get; init; }
    public int SpanCount { get; init; }
    /// <summary>Spans whose parent is not in the trace (kept, and counted here).</summary>
    public int OrphanSpanCount { get; init; }
    /// <summary>Which conventions were recognised: gen_ai, openinference, openllmetry, langsmith.</summary>
    public IReadOnlyList<string> Conventions { get; init; } = [];
    public string? SystemInstructions { get; init; }
    public IReadOnlyList<string> AvailableTools { get; init; } = [];
    /// <summary>Tool definitions the agent sent its model (name, description, parameters), one per name.</summary>
    public IReadOnlyList<ToolSpec> ToolDefinitions { get; init; } = [];
    /// <summary>
    /// Resource attribute <c>betterharness.origin</c> of the root: null for production traffic, <c>eval_run</c> for
    /// BetterHarness's own eval runs, which are stored and viewable but never published to clustering or mining.
    /// </summary>
    public string? Origin { get; init; }
    /// <summary>
    /// The harness version the agent declared (<c>betterharness.harness.version</c>, else <c>gen_ai.agent.version</c>, on a
    /// span or its resource, root first), verbatim; see <c>HarnessAttributor</c> for how it is read.
    /// </summary>
    public string? DeclaredHarnessVersion { get; init; }
    public IReadOnlyList<AgentInvocation> Agents { get; init; } = [];
    public IReadOnlyList<LlmCall> LlmCalls { get; init; } = [];
    public IReadOnlyList<ToolExecution> ToolExecutions { get; init; } = [];
    /// <summary>The conversation transcript in time order (system instructions excluded).</summary>
    public IReadOnlyList<ConversationMessage> Messages { get; init; } = [];
    public IReadOnlyList<TraceError> Errors { get; init; } = [];
    public IReadOnlyList<FeedbackEntry> Feedback { get; init; } = [];
    /// <summary>Every span, classified, with the attributes the normaliser did not consume.</summary>
    public IReadOnlyList<NormalizedSpan> Spans { get; init; } = [];
    public IReadOnlyList<Signal> Signals { get; init; } = [];
}
