using System.Text.Json;

namespace BetterHarness.Optimizer.Domain.Harnesses;

/// <summary>What one production trace says the agent was given: its system instructions and tool definitions.</summary>
public sealed record TracedHarness(string TraceId, string? Instructions, IReadOnlyList<ToolDefinition> Tools);

/// <summary>
/// Derives harness v1 from production traces: the instructions most traces carried (the newest wins a tie, so a
/// prompt the team changed last week is what it gets), and every tool any trace defined, with the longest
/// description and the first non-empty schema seen — a tool only named in calls still appears, described as such.
/// </summary>
public static class HarnessFromTraces
{
    private static readonly JsonElement EmptySchema = JsonDocument.Parse("{}").RootElement.Clone();

    /// <param name="traces">Newest first.</param>
    public static HarnessDocument? Derive(IReadOnlyList<TracedHarness> traces, IReadOnlyCollection<string>? calledTools = null)
    {
        var instructions = traces.Where(t => !string.IsNullOrWhiteSpace(t.Instructions))
            .Select((t, i) => (t.Instructions!, i)).GroupBy(x => x.Item1)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Min(x => x.i)).Select(g => g.Key).FirstOrDefault();
        var tools = traces.SelectMany(t => t.Tools).GroupBy(t => t.Name, StringComparer.Ordinal).Select(g => new ToolDefinition
        {
            Name = g.Key,
            Description = g.Select(t => t.Description).OrderByDescending(d => d.Length).First(),
            Parameters = g.Select(t => t.Parameters).FirstOrDefault(p => p.ValueKind == JsonValueKind.Object && p.EnumerateObject().Any()) is { ValueKind: JsonValueKind.Object } p
                ? p : EmptySchema,
        }).ToList();
        foreach (var name in calledTools ?? [])
            if (tools.All(t => t.Name != name))
                tools.Add(new ToolDefinition { Name = name, Description = "(no definition was traced; seen only in calls)", Parameters = EmptySchema });
        return instructions is null && tools.Count == 0 ? null : new HarnessDocument { Instructions = instructions ?? "", Tools = tools };
    }
}
