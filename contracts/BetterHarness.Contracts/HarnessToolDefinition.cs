namespace BetterHarness.Contracts;

/// <summary>One tool of a harness version: name, description and JSON-schema parameters (as JSON text).</summary>
public sealed record HarnessToolDefinition(string Name, string Description, string Parameters);
