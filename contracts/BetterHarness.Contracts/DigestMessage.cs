namespace BetterHarness.Contracts;

/// <summary>One message of the conversation.</summary>
/// <param name="Role">user, assistant or tool.</param>
/// <param name="Content">Text, trimmed.</param>
/// <param name="SpanId">Span the message was recorded on.</param>
/// <param name="ToolCalls">Tool calls requested by an assistant message: name and arguments JSON.</param>
public sealed record DigestMessage(string Role, string Content, string? SpanId, IReadOnlyList<DigestToolRequest>? ToolCalls = null);

/// <summary>A tool call requested by the model.</summary>
public sealed record DigestToolRequest(string Name, string? Arguments, string? CallId);
