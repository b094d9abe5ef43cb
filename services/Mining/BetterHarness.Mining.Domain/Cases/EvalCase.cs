using System.Text.Json.Nodes;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>
/// A candidate eval case in the public schema <see cref="SchemaVersion"/> (docs/eval-case-schema.md).
/// Fields are only ever added within a version; a breaking change gets a new version string.
/// </summary>
public sealed record EvalCase
{
    public const string SchemaVersion = "betterharness.eval-case/v1";

    public string Schema { get; init; } = SchemaVersion;
    public required string Id { get; init; }
    public string Status { get; init; } = CaseStatus.Proposed;
    public required string Summary { get; init; }
    public required CaseInput Input { get; init; }
    public required CaseTools Tools { get; init; }
    public required CaseExpectation Expected { get; init; }
    public required IReadOnlyList<Grader> Graders { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required CaseProvenance Provenance { get; init; }
    public int SupportCount { get; init; } = 1;
    /// <summary>
    /// The agent the source trace belongs to: its <c>gen_ai.agent.name</c> (or convention equivalent), else its
    /// <c>service.name</c>. The eval store keeps one eval set per agent.
    /// </summary>
    public string? Agent { get; init; }
}

public static class CaseStatus
{
    public const string Proposed = "proposed";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
}

/// <summary>What the agent sees when the case replays: instructions and the conversation up to the mistake.</summary>
public sealed record CaseInput(string? SystemInstructions, IReadOnlyList<CaseMessage> Messages);

/// <param name="ToolCalls">Tool calls an assistant message requested.</param>
public sealed record CaseMessage(string Role, string Content, IReadOnlyList<CaseToolCall>? ToolCalls = null);

/// <param name="Arguments">Arguments as a JSON object (a string value when the trace held non-JSON text).</param>
public sealed record CaseToolCall(string Name, JsonNode? Arguments);

/// <summary>The tools the agent had, and what they answered in production.</summary>
/// <param name="Definitions">Tool names seen in the trace (definitions or calls).</param>
/// <param name="Recorded">Responses keyed by tool name and canonical arguments.</param>
/// <param name="UnrecordedResponse">What a replay answers for a call that production never made.</param>
public sealed record CaseTools(IReadOnlyList<string> Definitions, IReadOnlyList<RecordedResponse> Recorded, string UnrecordedResponse);

/// <param name="Key">Tool name + canonical arguments JSON (sorted keys, no whitespace): see <see cref="ToolReplay.Key"/>.</param>
public sealed record RecordedResponse(string Key, string Tool, string Arguments, string? Response, string? Error);

/// <param name="Correction">The user's correction, verbatim (redacted).</param>
/// <param name="Behaviour">One sentence a curator can read.</param>
/// <param name="ToolCalls">The calls the agent made right after the correction, when it made any.</param>
public sealed record CaseExpectation(string? Correction, string Behaviour, IReadOnlyList<CaseToolCall> ToolCalls);

/// <param name="Sources">Every trace this case was mined from (more than one after a merge).</param>
/// <param name="DetectorScores">Correction detector scores of the user turns that were judged.</param>
public sealed record CaseProvenance(IReadOnlyList<CaseSource> Sources, string? ClusterId,
    IReadOnlyList<DetectorScore> DetectorScores, DateTimeOffset CreatedAt);

/// <param name="SpanId">The span of the correcting user turn or the failing step.</param>
public sealed record CaseSource(string TraceId, int Revision, string? SpanId, string? ConversationId, string Reason);

public sealed record DetectorScore(string? SpanId, double Score);
