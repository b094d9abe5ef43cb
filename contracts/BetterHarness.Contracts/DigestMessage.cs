namespace BetterHarness.Contracts;

/// <summary>One message of the conversation.</summary>
/// <param name="Role">user, assistant or tool.</param>
/// <param name="Content">Text, trimmed.</param>
/// <param name="SpanId">Span the message was recorded on.</param>
/// <param name="ToolCalls">Tool calls requested by an assistant message (<see cref="DigestToolRequest"/>).</param>
/// <param name="CorrectionCandidate">
/// A user message that replies to an agent turn and passed ingest's high-recall correction gate: mining's detector
/// decides whether it corrects the agent. False in digests from before the gate existed.
/// </param>
public sealed record DigestMessage(string Role, string Content, string? SpanId, IReadOnlyList<DigestToolRequest>? ToolCalls = null,
    bool CorrectionCandidate = false);
