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
                e.GetProperty("assistant").GetString()!, e.GetProperty("user").GetString()!, label ? 1 : 0, 1, label)
            {
                TaskIntent = e.TryGetProperty("task_intent", out var intent) ? intent.GetString() : null,
            };
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

    /// <summary>
    /// Unanimous human labels weigh 1 (a single annotator 0.8); a split majority for a correction 0.7; a negative
    /// that some annotator called a correction 0.5 — uncertain turns teach less either way.
    /// </summary>
    public static float Weight(LabelledTurn turn) => turn.Annotators <= 1
        ? (turn.Source.StartsWith("eurtad", StringComparison.Ordinal) ? 0.8f : 1f)
        : turn.Votes == 0 || turn.Votes == turn.Annotators ? 1f
        : turn.Label ? 0.7f : 0.5f;

    public const string LabelDefinition =
        "EURTAD: positive when most annotators who annotated the turn mark it C1 (reacts to a system error) with a user reaction other than UR1 (ignore and continue); " +
        "blank annotator slots are not votes. tau-bench: hand label, 1 when the user says the agent got something wrong (disputes a stated fact, points at a misunderstanding, " +
        "restates a constraint or information the agent ignored, undoes something the agent assumed).";

    /// <summary>Report groups: EURTAD's annotated turns, all EURTAD turns, agent-style (tau-bench) turns.</summary>
    public static bool IsAgentStyle(LabelledTurn turn) => turn.Source == "taubench-airline";

    public static bool IsEurtadAnnotated(LabelledTurn turn) =>
        turn.Source.StartsWith("eurtad-", StringComparison.Ordinal) && !turn.Source.StartsWith("eurtad-random", StringComparison.Ordinal);
}
