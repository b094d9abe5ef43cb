using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Tests.Domain;

/// <summary>Renders a transcript as "role:text" lines (tool names for tool-call-only turns) for compact assertions.</summary>
internal static class Transcript
{
    public static IReadOnlyList<string> Lines(NormalizedTrace trace) =>
        [.. trace.Messages.Select(m => m.Role + ":" + (m.Content.Length > 0 ? m.Content : string.Join(",", m.ToolCalls?.Select(c => c.Name) ?? [])))];
}

internal sealed record ToolRequestShape(string Name, string? Arguments, string? CallId)
{
    public static ToolRequestShape Of(ToolRequest r) => new(r.Name, r.Arguments, r.CallId);
}
