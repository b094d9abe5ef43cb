using System.Text.Json;

namespace BetterHarness.Mining.Training;

/// <summary>The shipped training files (JSON lines) and the deterministic held-out split by dialogue.</summary>
public static class TrainingSet
{
    public const string EurtadFile = "eurtad-turns.jsonl";
    public const string TauBenchFile = "taubench-airline-labelled.jsonl";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Write(string path, IEnumerable<LabelledTurn> turns) =>
        File.WriteAllLines(path, turns.Select(t => JsonSerializer.Serialize(t, Json)));

    public static IReadOnlyList<LabelledTurn> ReadEurtad(string path) =>
        File.ReadLines(path).Select(l => JsonSerializer.Deserialize<LabelledTurn>(l, Json)!).ToList();

    /// <summary>The tau-bench file holds one hand label per turn (see docs/correction-detector.md).</summary>
    public static IReadOnlyList<LabelledTurn> ReadTauBench(string path) =>
        File.ReadLines(path).Select(l => JsonDocument.Parse(l).RootElement).Select(e =>
        {
            var label = e.GetProperty("label").GetInt32() == 1;
            return new LabelledTurn(e.GetProperty("id").GetString()!, "taubench/" + e.GetProperty("trace").GetString(), "taubench-airline",
                e.GetProperty("assistant").GetString()!, e.GetProperty("user").GetString()!, label ? 1 : 0, 1, label);
        }).ToList();

    /// <summary>A quarter of the dialogues, chosen by a stable hash so every run holds out the same ones.</summary>
    public static bool IsHeldOut(LabelledTurn turn) => StableHash(turn.Dialog) % 4 == 0;

    /// <summary>FNV-1a: string.GetHashCode differs per process, which would make splits unrepeatable.</summary>
    public static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return hash;
    }

    /// <summary>Split human votes count less than unanimous ones; a lone C1 vote of three is too uncertain to teach either way.</summary>
    public static float Weight(LabelledTurn turn) => turn.Annotators <= 1 ? 1f
        : turn.Votes == 0 || turn.Votes == turn.Annotators ? 1f
        : turn.Label ? 0.7f : 0.25f;
}
