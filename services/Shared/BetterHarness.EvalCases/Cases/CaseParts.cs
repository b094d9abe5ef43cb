using System.Text.Json.Nodes;

namespace BetterHarness.EvalCases.Cases;

/// <summary>What the agent sees when the case replays: the instructions as traced and the conversation so far.</summary>
public sealed record CaseInput
{
    public string? SystemInstructions { get; init; }
    public IReadOnlyList<CaseMessage> Messages { get; init; } = [];
}

/// <param name="Role"><c>user</c>, <c>assistant</c>, <c>system</c> or <c>tool</c>.</param>
/// <param name="ToolCalls">Tool calls an assistant message requested.</param>
public sealed record CaseMessage(string Role, string Content, IReadOnlyList<CaseToolCall>? ToolCalls = null);

/// <param name="Arguments">Arguments as a JSON object (a string value when the trace held non-JSON text).</param>
public sealed record CaseToolCall(string Name, JsonNode? Arguments);

/// <summary>The tools the agent had, and what they answered in production.</summary>
public sealed record CaseTools
{
    /// <summary>Tool names seen in the trace (definitions and calls).</summary>
    public IReadOnlyList<string> Definitions { get; init; } = [];
    /// <summary>Responses keyed by tool name and canonical arguments.</summary>
    public IReadOnlyList<RecordedResponse> Recorded { get; init; } = [];
    /// <summary>What a replay answers for a call production never made.</summary>
    public string UnrecordedResponse { get; init; } = Replay.ToolKey.UnrecordedResponse;
}

/// <param name="Key">Tool name + space + canonical arguments (see <see cref="Replay.ToolKey"/>).</param>
public sealed record RecordedResponse(string Key, string Tool, string Arguments, string? Response = null, string? Error = null);

/// <summary>What should have happened.</summary>
public sealed record CaseExpectation
{
    /// <summary>The user's correction, verbatim.</summary>
    public string? Correction { get; init; }
    /// <summary>One sentence a curator can read.</summary>
    public string Behaviour { get; init; } = "";
    public IReadOnlyList<CaseToolCall> ToolCalls { get; init; } = [];
}

/// <param name="Sources">Every trace the case was mined from.</param>
public sealed record CaseProvenance(IReadOnlyList<CaseSource>? Sources = null, string? ClusterId = null,
    IReadOnlyList<DetectorScore>? DetectorScores = null, DateTimeOffset? CreatedAt = null);

public sealed record CaseSource(string TraceId, int Revision, string? SpanId, string? ConversationId, string Reason);

public sealed record DetectorScore(string? SpanId, double Score);
