namespace BetterHarness.Contracts;

/// <summary>One message of the conversation.</summary>
/// <param name="Role">user, assistant or tool.</param>
/// <param name="Content">Text, trimmed.</param>
/// <param name="SpanId">Span the message was recorded on.</param>
/// <param name="ToolCalls">Tool calls requested by an assistant message (<see cref="DigestToolRequest"/>).</param>
public sealed record DigestMessage(string Role, string Content, string? SpanId, IReadOnlyList<DigestToolRequest>? ToolCalls = null);
