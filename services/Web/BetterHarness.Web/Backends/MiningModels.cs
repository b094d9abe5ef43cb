using System.Text.Json;

namespace BetterHarness.Web.Backends;

// The shapes of mining's API (GET /api/candidates, /api/candidates/{id}: the public eval-case schema).

public sealed record CandidateList(IReadOnlyList<CandidateSummary> Candidates, int Count);

public sealed record CandidateSummary(
    string Id, string Status, string Summary, IReadOnlyList<string> Tags, string? ClusterId, int SupportCount,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A case in <c>betterharness.eval-case/v1</c> (docs/eval-case-schema.md); graders stay JSON (open set of types).</summary>
public sealed record EvalCase
{
    public string Schema { get; init; } = "";
    public required string Id { get; init; }
    public string Status { get; init; } = "";
    public string Summary { get; init; } = "";
    public CaseInput Input { get; init; } = new();
    public CaseTools Tools { get; init; } = new();
    public CaseExpected Expected { get; init; } = new();
    public IReadOnlyList<JsonElement> Graders { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public CaseProvenance Provenance { get; init; } = new();
    public int SupportCount { get; init; }
}

public sealed record CaseInput
{
    public string? SystemInstructions { get; init; }
    public IReadOnlyList<CaseMessage> Messages { get; init; } = [];
}

public sealed record CaseMessage(string Role, string? Content, IReadOnlyList<CaseToolCall>? ToolCalls);

public sealed record CaseToolCall(string Name, JsonElement Arguments);

public sealed record CaseTools
{
    public IReadOnlyList<string> Definitions { get; init; } = [];
    public IReadOnlyList<RecordedToolCall> Recorded { get; init; } = [];
}

public sealed record RecordedToolCall(string Key, string Tool, string? Arguments, string? Response, string? Error);

public sealed record CaseExpected
{
    public string? Correction { get; init; }
    public string Behaviour { get; init; } = "";
    public IReadOnlyList<CaseToolCall> ToolCalls { get; init; } = [];
}

public sealed record CaseProvenance
{
    public IReadOnlyList<CaseSource> Sources { get; init; } = [];
    public string? ClusterId { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
}

public sealed record CaseSource(string TraceId, int Revision, string? SpanId, string? ConversationId, string Reason);

public sealed record LabelList(int Count, int Positives, IReadOnlyList<CorrectionLabel> Labels);

/// <summary>One correction label (<c>GET /api/corrections/labels</c>): a person's or the judge's verdict on a user turn.</summary>
public sealed record CorrectionLabel(
    string Agent, string TraceId, int UserTurn, bool IsCorrection, string Source, string Origin, string By, string Role, DateTimeOffset At,
    string? SpanId, string Assistant, string User);
