using BetterHarness.Mining.Domain.Detection;

namespace BetterHarness.Mining.Training;

/// <summary>Precision/recall/F1 per source group.</summary>
public static class HeldOutReport
{
    public static readonly IReadOnlyDictionary<string, Func<LabelledTurn, bool>> Groups = new Dictionary<string, Func<LabelledTurn, bool>>
    {
        ["eurtad-annotated"] = TrainingSet.IsEurtadAnnotated,
        ["eurtad-all"] = t => t.Source.StartsWith("eurtad", StringComparison.Ordinal),
        ["taubench-airline"] = TrainingSet.IsAgentStyle,
        ["all"] = _ => true,
    };

    public static Dictionary<string, DetectorMetrics> Measure(IReadOnlyList<LabelledTurn> turns, IReadOnlyList<bool> predicted) =>
        Groups.ToDictionary(g => g.Key, g => DetectorMetrics.From(
            turns.Select((t, i) => (t, i)).Where(p => g.Value(p.t)).Select(p => (p.t.Label, predicted[p.i])).ToList()));

    public static void Print(string title, IReadOnlyDictionary<string, DetectorMetrics> metrics)
    {
        Console.WriteLine(title);
        Console.WriteLine($"{"set",-18} {"pos",5} {"neg",6} {"P",6} {"R",6} {"F1",6}");
        foreach (var (name, m) in metrics)
            Console.WriteLine($"{name,-18} {m.Positives,5} {m.Negatives,6} {m.Precision,6:0.000} {m.Recall,6:0.000} {m.F1,6:0.000}");
    }
}
