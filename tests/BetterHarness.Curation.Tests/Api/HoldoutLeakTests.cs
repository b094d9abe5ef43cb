using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Domain.Splits;
using Xunit.Abstractions;

namespace BetterHarness.Curation.Tests.Api;

/// <summary>
/// The holdout holds unseen examples: on the 34 cases mining made from the bundled tau-bench sample (50 tasks × 4 trials),
/// added in the order they were accepted, the tasks (known only to the test, from the labels) whose cases land on both
/// sides. The split reads the cases alone.
/// </summary>
public sealed class HoldoutLeakTests(ITestOutputHelper output)
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    [Fact]
    public async Task Trials_of_one_tau_bench_task_stay_on_one_side_far_more_than_with_arrival_order()
    {
        var lines = File.ReadAllLines(Path.Combine(Dir, "taubench-airline-cases.jsonl")).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var tasks = JsonSerializer.Deserialize<Dictionary<string, JsonObject>>(File.ReadAllText(Path.Combine(Dir, "taubench-airline-tasks.json")))!
            .ToDictionary(p => p.Key, p => (int)p.Value["task"]!);
        await using var host = await CurationHost.StartAsync();
        foreach (var line in lines)
        {
            var (status, body) = await host.Api.PostLines("/api/evals/import", [line.ToJsonString()]);
            Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        }
        var splits = (await host.Api.Get("/api/evals?limit=1000"))["cases"]!.AsArray().ToDictionary(c => (string)c!["id"]!, c => (string)c!["split"]!);

        var grouped = TasksOnBothSides(lines, tasks, id => splits[id]);
        var arrival = TasksOnBothSides(lines, tasks, ArrivalOrderSplits(lines));
        var leak = (await host.Api.Get("/api/evals/composition"))["leak"]!;
        output.WriteLine($"tasks with cases {grouped.Tasks}; on both sides: situation groups {grouped.Both.Count} [{string.Join(",", grouped.Both)}], " +
                         $"arrival order {arrival.Both.Count} [{string.Join(",", arrival.Both)}]; leak {leak.ToJsonString()[..200]}");

        Assert.Equal(34, splits.Count);
        Assert.Equal(18, grouped.Tasks);
        Assert.Empty(grouped.Both);
        Assert.True(arrival.Both.Count >= 5, $"the old rule put {arrival.Both.Count} tasks on both sides");
        Assert.Equal(11, (int)leak["holdoutCases"]!);
        Assert.Equal(0, (int)leak["nearDuplicates"]!);
        Assert.Equal(0, (int)leak["groupsOnBothSides"]!);
        Assert.True((double)leak["maxNearestCosine"]! < (double)leak["threshold"]!);
        // The store does what the in-memory replay of its rule does (TauBenchSplitTests measures the rule through the replay).
        var replay = Splits.SituationReplay.Run(Splits.TauBenchCases.Instance.Cases, new CurationOptions().SituationSimilarity, entities: true);
        Assert.All(splits, s => Assert.Equal(replay[s.Key].Split, s.Value));
        var nearest = leak["cases"]!.AsArray();
        Assert.All(nearest, n => Assert.Equal("optimization", splits[(string)n!["nearestCaseId"]!]));
        Assert.All(nearest, n => Assert.Equal("holdout", splits[(string)n!["caseId"]!]));
    }

    private static (int Tasks, List<int> Both) TasksOnBothSides(IReadOnlyList<JsonObject> lines, IReadOnlyDictionary<string, int> tasks, Func<string, string> split)
    {
        var sides = new Dictionary<int, HashSet<string>>();
        foreach (var line in lines)
            foreach (var source in line["provenance"]!["sources"]!.AsArray())
                if (tasks.TryGetValue((string)source!["traceId"]!, out var task))
                    (sides.TryGetValue(task, out var s) ? s : sides[task] = []).Add(split((string)line["id"]!));
        return (sides.Count, sides.Where(p => p.Value.Count > 1).Select(p => p.Key).Order().ToList());
    }

    /// <summary>The split before situation groups: each case on its own, per category, in arrival order.</summary>
    private static Func<string, string> ArrivalOrderSplits(IReadOnlyList<JsonObject> lines)
    {
        var counts = new Dictionary<string, (int Opt, int Hold)>();
        var result = new Dictionary<string, string>();
        foreach (var line in lines)
        {
            var category = (string)line["category"]!;
            var (opt, hold) = counts.GetValueOrDefault(category);
            var split = SplitAssigner.Assign(opt, hold, 0.3, (string)line["id"]!);
            counts[category] = split == SplitNames.Holdout ? (opt, hold + 1) : (opt + 1, hold);
            result[(string)line["id"]!] = split;
        }
        return id => result[id];
    }
}
