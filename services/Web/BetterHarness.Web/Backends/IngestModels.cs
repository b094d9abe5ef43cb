using System.Text.Json;

namespace BetterHarness.Web.Backends;

// The shapes of ingest's API (GET /api/traces, /api/traces/{id}, /api/traces/stats) as the pages read them.

public sealed record TraceList(IReadOnlyList<TraceSummary> Traces, int Count);

public sealed record TraceSummary(
    string TraceId, string State, long Revision, DateTimeOffset? CompletedAt, string? ServiceName, string? AgentName,
    string? ConversationId, bool Failed, bool Corrected, long SpanCount, IReadOnlyList<string> Signals,
    int? HarnessVersion = null, string? HarnessAttribution = null);

public sealed record TraceStats(long OpenTraces, long CompletedTraces, long Spans);

public sealed record TraceDetail
{
    public required string TraceId { get; init; }
    public string? ServiceName { get; init; }
    public string? AgentName { get; init; }
    public string? ConversationId { get; init; }
    public long StartUnixNano { get; init; }
    public long EndUnixNano { get; init; }
    public int SpanCount { get; init; }
    public IReadOnlyList<string> Conventions { get; init; } = [];
    public string? SystemInstructions { get; init; }
    public IReadOnlyList<string> AvailableTools { get; init; } = [];
    public IReadOnlyList<TraceMessage> Messages { get; init; } = [];
    public IReadOnlyList<TraceToolExecution> ToolExecutions { get; init; } = [];
    public IReadOnlyList<TraceErrorEntry> Errors { get; init; } = [];
    public IReadOnlyList<TraceFeedback> Feedback { get; init; } = [];
    public IReadOnlyList<TraceSpan> Spans { get; init; } = [];
    public IReadOnlyList<TraceSignal> Signals { get; init; } = [];
    public string State { get; init; } = "";
    public long Revision { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    /// <summary>The harness version the trace ran (null: unknown), and how that is known: attribute, content or unknown.</summary>
    public int? HarnessVersion { get; init; }
    public string HarnessAttribution { get; init; } = "unknown";
    public double? HarnessSimilarity { get; init; }
}

public sealed record TraceMessage(
    string Role, string Content, string? SpanId, long TimeUnixNano, IReadOnlyList<TraceToolCall>? ToolCalls, string? ToolCallId);

public sealed record TraceToolCall(string Name, string? Arguments, string? CallId);

public sealed record TraceToolExecution(
    string SpanId, string Name, string? CallId, string? Arguments, string? Result, string? Error, long StartUnixNano, long EndUnixNano);

public sealed record TraceErrorEntry(string SpanId, string? Type, string Message, string Source);

public sealed record TraceFeedback(
    string? SpanId, double? Score, string? Label, string? Comment, string? Correction, string Source, long TimeUnixNano);

public sealed record TraceSpan(
    string SpanId, string? ParentSpanId, string Name, string Kind, string? Convention, long StartUnixNano, long EndUnixNano,
    string Status, string? StatusMessage, IReadOnlyDictionary<string, JsonElement>? Attributes);

public sealed record TraceSignal(string Kind, string? SpanId, string Evidence, string? ErrorType, double? Score);
