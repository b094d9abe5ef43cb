namespace BetterHarness.Contracts;

/// <summary>
/// A tool call the model <em>requested</em> in an assistant message (name and arguments), as opposed to a
/// <see cref="DigestToolCall"/>, which is a tool <em>execution</em> recorded as its own span.
/// </summary>
/// <param name="Name">Tool name.</param>
/// <param name="Arguments">Arguments JSON, trimmed.</param>
/// <param name="CallId">The call id that links the request to its execution, when recorded.</param>
public sealed record DigestToolRequest(string Name, string? Arguments, string? CallId);
