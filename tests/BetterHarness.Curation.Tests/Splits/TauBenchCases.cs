using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.Curation.Domain.Splits;
using BetterHarness.Text;

namespace BetterHarness.Curation.Tests.Splits;

/// <summary>
/// The 34 cases mining made from the bundled tau-bench sample (50 tasks × 4 trials), in the order they were accepted, their
/// situation vectors, and — for the tests only, from the labels file — each case's tau-bench task. The split never reads the task.
/// </summary>
public sealed class TauBenchCases
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "Fixtures");
    private static readonly Lazy<TauBenchCases> Loaded = new(Load);

    private TauBenchCases(IReadOnlyList<ReplayCase> cases) => Cases = cases;

    public static TauBenchCases Instance => Loaded.Value;

    public IReadOnlyList<ReplayCase> Cases { get; }

    public static IReadOnlyList<JsonObject> Lines() =>
        File.ReadAllLines(Path.Combine(Dir, "taubench-airline-cases.jsonl")).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    /// <summary>Tasks with cases, and those whose cases landed on both sides.</summary>
    public static (int Tasks, List<int> Both) TasksOnBothSides(IEnumerable<ReplayCase> cases, Func<string, string> split)
    {
        var sides = cases.GroupBy(c => c.Task).ToDictionary(g => g.Key, g => g.Select(c => split(c.Id)).Distinct().Count());
        return (sides.Count, sides.Where(p => p.Value > 1).Select(p => p.Key).Order().ToList());
    }

    private static TauBenchCases Load()
    {
        var tasks = JsonSerializer.Deserialize<Dictionary<string, JsonObject>>(File.ReadAllText(Path.Combine(Dir, "taubench-airline-tasks.json")))!
            .ToDictionary(p => p.Key, p => (int)p.Value["task"]!);
        var lines = Lines();
        using var embedder = new MiniLmEmbedder();
        var vectors = embedder.Embed(lines.Select(l => SituationKeys.Text(l)).ToList());
        return new TauBenchCases(lines.Select((l, i) => new ReplayCase((string)l["id"]!, (string)l["category"]!, SituationKeys.Of(l), vectors[i],
            l["provenance"]!["sources"]!.AsArray().Select(s => tasks[(string)s!["traceId"]!]).Distinct().Single())).ToList());
    }
}

/// <summary>One fixture case: what the split reads (category, keys, vector) and, apart, the task only the test knows.</summary>
public sealed record ReplayCase(string Id, string Category, SituationKeys Keys, float[] Vector, int Task);
