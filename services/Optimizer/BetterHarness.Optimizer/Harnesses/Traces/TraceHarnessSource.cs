using System.Text.Json;
using BetterHarness.Optimizer.Domain.Harnesses;

namespace BetterHarness.Optimizer.Harnesses.Traces;

/// <summary>
/// Reads an agent's newest traces from ingest and derives a harness from what they carried: the normalised
/// trace's <c>systemInstructions</c> and <c>toolDefinitions</c> (name, description, parameters — every convention
/// ingest reads), and the tools it only saw named or called (<c>availableTools</c>, the messages' tool calls).
/// </summary>
public sealed class TraceHarnessSource(IngestTracesClient ingest)
{
    private const int MaxTracesRead = 50;

    public async Task<DerivedHarness> DeriveAsync(string agent, int limit, CancellationToken ct)
    {
        var matching = (await ingest.ListAsync(limit, ct))
            .Where(t => string.Equals(t.AgentName, agent, StringComparison.Ordinal) || string.Equals(t.ServiceName, agent, StringComparison.Ordinal))
            .Take(MaxTracesRead).ToList();
        var traced = new List<TracedHarness>();
        var called = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in matching)
        {
            if (await ingest.GetAsync(item.TraceId, ct) is not { } trace) continue;
            traced.Add(new TracedHarness(item.TraceId, String(trace, "systemInstructions"), Tools(trace)));
            called.UnionWith(CalledTools(trace));
        }
        var usable = traced.Where(t => t.Instructions is not null || t.Tools.Count > 0).ToList();
        return new DerivedHarness(HarnessFromTraces.Derive(usable, called), matching.Count, usable.Count);
    }

    /// <summary>Tools the trace names without defining them: <c>availableTools</c> and every tool call in its messages.</summary>
    private static IEnumerable<string> CalledTools(JsonElement trace)
    {
        if (trace.TryGetProperty("availableTools", out var names) && names.ValueKind == JsonValueKind.Array)
            foreach (var name in names.EnumerateArray()) if (name.GetString() is { Length: > 0 } n) yield return n;
        if (!trace.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array) yield break;
        foreach (var message in messages.EnumerateArray())
            if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("toolCalls", out var calls) && calls.ValueKind == JsonValueKind.Array)
                foreach (var call in calls.EnumerateArray()) if (String(call, "name") is { Length: > 0 } n) yield return n;
    }

    private static string? String(JsonElement trace, string name) =>
        trace.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<ToolDefinition> Tools(JsonElement trace)
    {
        if (!trace.TryGetProperty("toolDefinitions", out var defs) || defs.ValueKind != JsonValueKind.Array) return [];
        return defs.EnumerateArray().Where(d => String(d, "name") is { Length: > 0 }).Select(d => new ToolDefinition
        {
            Name = String(d, "name")!,
            Description = String(d, "description") ?? "",
            Parameters = ParseSchema(String(d, "parameters")),
        }).ToList();
    }

    private static JsonElement ParseSchema(string? json)
    {
        try { if (json is { Length: > 0 }) return JsonDocument.Parse(json).RootElement.Clone(); }
        catch (JsonException) { }
        return JsonDocument.Parse("{}").RootElement.Clone();
    }
}

/// <param name="TracesRead">Traces of the agent that were looked at.</param>
/// <param name="TracesUsed">Of those, traces that carried instructions or tool definitions.</param>
public sealed record DerivedHarness(HarnessDocument? Document, int TracesRead, int TracesUsed);
