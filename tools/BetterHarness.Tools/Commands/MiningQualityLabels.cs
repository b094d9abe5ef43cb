using System.Text.Json.Nodes;
using BetterHarness.Tools.Load;

namespace BetterHarness.Tools.Commands;

/// <summary>Ground truth of one tau-bench trace: reward, expected actions, whether the data set marks corrections.</summary>
public sealed record MiningQualityLabel(string TraceId, double Reward, IReadOnlyList<(string Name, JsonObject Args)> ExpectedActions, bool HasCorrectionCandidates);

public static class MiningQualityLabels
{
    public static IReadOnlyDictionary<string, MiningQualityLabel> Read(string path)
    {
        if (!File.Exists(path)) throw new CommandFailedException($"Labels not found: {Path.GetFullPath(path)}. Pass --labels with the .labels.jsonl file.");
        return File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).Select(o => new MiningQualityLabel(
            (string)o["traceId"]!, (double)o["reward"]!,
            (o["expected_actions"] as JsonArray ?? []).Select(a => ((string)a!["name"]!, a["kwargs"] as JsonObject ?? [])).ToList(),
            (o["heuristic_correction_candidates"] as JsonArray)?.Count > 0)).ToDictionary(l => l.TraceId);
    }

    /// <summary>Tool name equal and every scalar argument the grader asserts that the action also has is equal.</summary>
    public static bool Matches(string tool, JsonObject asserted, (string Name, JsonObject Args) action)
    {
        if (action.Name != tool) return false;
        var shared = asserted.Where(p => action.Args.ContainsKey(p.Key) && action.Args[p.Key] is JsonValue).ToList();
        return shared.All(p => string.Equals(p.Value?.ToString(), action.Args[p.Key]?.ToString(), StringComparison.OrdinalIgnoreCase))
            && (shared.Count > 0 || asserted.Count == 0 || !action.Args.Any(a => a.Value is JsonValue));
    }
}
