using BetterHarness.Mining.Domain.Detection;

namespace BetterHarness.Mining.Training;

/// <summary>Precision/recall/F1 on the held-out dialogues, per source group.</summary>
public static class HeldOutReport
{
    public static Dictionary<string, DetectorMetrics> Measure(IReadOnlyList<LabelledTurn> turns, float[] probabilities, double threshold)
    {
        var groups = new Dictionary<string, Func<LabelledTurn, bool>>
        {
            ["eurtad-annotated"] = t => t.Source.StartsWith("eurtad-", StringComparison.Ordinal) && !t.Source.StartsWith("eurtad-random", StringComparison.Ordinal),
            ["eurtad-all"] = t => t.Source.StartsWith("eurtad", StringComparison.Ordinal),
            ["taubench-airline"] = t => t.Source == "taubench-airline",
            ["all"] = _ => true,
        };
        return groups.ToDictionary(g => g.Key, g => DetectorMetrics.From(
            turns.Select((t, i) => (t, i)).Where(p => g.Value(p.t)).Select(p => (p.t.Label, probabilities[p.i] >= threshold)).ToList()));
    }

    public static void Print(IReadOnlyDictionary<string, DetectorMetrics> metrics, double threshold, int trainRows, int heldRows)
    {
        Console.WriteLine($"train {trainRows} rows, held out {heldRows} rows, threshold {threshold:0.###}");
        Console.WriteLine($"{"held-out set",-18} {"pos",5} {"neg",6} {"P",6} {"R",6} {"F1",6}");
        foreach (var (name, m) in metrics)
            Console.WriteLine($"{name,-18} {m.Positives,5} {m.Negatives,6} {m.Precision,6:0.000} {m.Recall,6:0.000} {m.F1,6:0.000}");
    }
}
