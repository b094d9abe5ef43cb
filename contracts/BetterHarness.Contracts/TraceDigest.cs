namespace BetterHarness.Contracts;

/// <summary>
/// Compact summary of one completed, flagged trace. Consumers upsert on (<see cref="TraceId"/>,
/// <see cref="Revision"/>): a late span or late feedback re-evaluates the trace and publishes a
/// higher revision that supersedes the earlier one.
/// </summary>
public sealed record TraceDigest
{
    /// <summary>Lowercase hex, 32 characters.</summary>
    public required string TraceId { get; init; }
    /// <summary>Increases each time the trace is re-evaluated (late spans, late feedback).</summary>
    public required int Revision { get; init; }
    /// <summary>Resource <c>service.name</c> of the root span, when known.</summary>
    public string? ServiceName { get; init; }
    /// <summary>
    /// Where the trace came from: null for production traffic, <c>eval_run</c> for BetterHarness's own eval runs
    /// (resource attribute <c>betterharness.origin</c>). Ingest publishes eval-run traces only when
    /// <c>BetterHarness:Ingest:IncludeEvalRunTraces</c> is on (default off); consumers can tell them apart by this field.
    /// </summary>
    public string? Origin { get; init; }
    /// <summary>The agent's name (gen_ai.agent.name or equivalent), when known.</summary>
    public string? AgentName { get; init; }
    /// <summary>Conversation / session id, when known.</summary>
    public string? ConversationId { get; init; }
    /// <summary>End user id, when known.</summary>
    public string? UserId { get; init; }
    /// <summary>Root span start, UTC.</summary>
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>When ingest declared the trace complete, UTC.</summary>
    public required DateTimeOffset CompletedAt { get; init; }
    /// <summary>True when any failure signal fired (<see cref="SignalKinds.AnyFailure"/>).</summary>
    public required bool Failed { get; init; }
    /// <summary>True when a user correction was detected (<see cref="SignalKinds.AnyCorrection"/>).</summary>
    public required bool Corrected { get; init; }
    /// <summary>Every signal detected on the trace.</summary>
    public required IReadOnlyList<DigestSignal> Signals { get; init; }
    /// <summary>System instructions, trimmed.</summary>
    public string? SystemInstructions { get; init; }
    /// <summary>The conversation in order (system excluded), each message trimmed.</summary>
    public required IReadOnlyList<DigestMessage> Messages { get; init; }
    /// <summary>Tool executions in order, arguments and results trimmed.</summary>
    public required IReadOnlyList<DigestToolCall> ToolCalls { get; init; }
    /// <summary>Tool names the agent had available (from tool definitions), when recorded.</summary>
    public IReadOnlyList<string> AvailableTools { get; init; } = [];
    /// <summary>
    /// Corrections people wrote in feedback, verbatim and whole (signal evidence is a trimmed line and must
    /// not be parsed for them). Empty when there were none, and in digests from before this field existed.
    /// </summary>
    public IReadOnlyList<DigestCorrection> Corrections { get; init; } = [];
}
