namespace BetterHarness.Contracts;

/// <summary>
/// One tool <em>execution</em> as recorded in the trace (its own span, with a result or an error), as opposed to
/// a <see cref="DigestToolRequest"/>, the call the model asked for in a message.
/// </summary>
/// <param name="Name">Tool name.</param>
/// <param name="Arguments">Arguments JSON, trimmed.</param>
/// <param name="Result">Result text, trimmed.</param>
/// <param name="Error">Error text when the execution failed.</param>
/// <param name="SpanId">The execute_tool span.</param>
/// <param name="CallId">gen_ai.tool.call.id when recorded.</param>
public sealed record DigestToolCall(string Name, string? Arguments, string? Result, string? Error, string? SpanId, string? CallId);
