using System.CommandLine;
using System.Diagnostics;
using BetterHarness.Clustering;
using BetterHarness.Clustering.Domain.Features;
using BetterHarness.Clustering.Domain.Quality;
using BetterHarness.Clustering.Engine;
using BetterHarness.Clustering.Storage;
using BetterHarness.Contracts;
using BetterHarness.Text;
using BetterHarness.Tools.Commands;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace BetterHarness.Benchmarks;

/// <summary>
/// <c>bh clusters bench [--failures 100000]</c>: the clustering service's engine (SQLite store, MiniLM with its
/// cache, online assignment, re-clustering) on synthetic failures, in-process: a first 20% seeds the clusters,
/// the rest is assigned online, then everything is re-clustered. The in-pipeline latency is
/// <c>bh clusters bench latency</c> (ClustersBenchLatency).
/// </summary>
public static class ClustersBenchCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--failures") { Description = "Synthetic failures.", DefaultValueFactory = _ => 100_000 };
        var dir = new Option<string?>("--data-dir") { Description = "Where the bench database goes (default: a temp dir, deleted after)." };
        var command = new Command("bench", "Benchmark online assignment and re-clustering on synthetic failures.")
        {
            count, dir, ClustersBenchAnalyst.Create(),
        };
        command.SetAction((r, ct) => RunAsync(r.GetValue(count), r.GetValue(dir), ct));
        return command;
    }

    private static async Task<int> RunAsync(int count, string? dataDir, CancellationToken ct)
    {
        var dir = dataDir ?? Path.Combine(Path.GetTempPath(), "bh-clusters-bench-" + Guid.NewGuid().ToString("N"));
        var synthetic = new ClustersBenchSynthetic(seed: 42);
        var start = DateTimeOffset.UtcNow.AddHours(-count / 10_000.0);
        var generated = Enumerable.Range(0, count).Select(i => synthetic.Next(start.AddMilliseconds(i * 360))).ToList();
        var digests = generated.Select(g => g.Digest).ToList();
        var modes = generated.ToDictionary(g => g.Digest.TraceId, g => "mode" + g.Mode);
        using var embedder = new MiniLmEmbedder();
        var engine = Engine(dir, embedder, out var embeddings);
        var table = new Table().AddColumns("step", "failures", "seconds", "per second", "note");
        var seed = digests.Count / 5;

        var (seconds, _) = await TimeAsync(() => IngestAsync(engine, digests.Take(seed), ct));
        table.AddRow("store + embed (no clusters yet)", $"{seed:N0}", $"{seconds:F1}", $"{seed / seconds:N0}", $"{embeddings.Embedded:N0} texts embedded");
        var (s1, first) = await TimeAsync(() => engine.ReclusterAsync(null, false, ct));
        table.AddRow("first re-clustering", $"{seed:N0}", $"{s1:F1}", "", $"k={first.Summary.K}, {first.Summary.Signatures:N0} signatures");
        var embeddedBefore = embeddings.Embedded;
        var (s2, assigned) = await TimeAsync(() => IngestAsync(engine, digests.Skip(seed), ct));
        table.AddRow("online assignment", $"{count - seed:N0}", $"{s2:F1}", $"{(count - seed) / s2:N0}",
            $"{assigned:N0} assigned, {embeddings.Embedded - embeddedBefore:N0} new texts embedded");
        var (s3, full) = await TimeAsync(() => engine.ReclusterAsync(null, false, ct));
        table.AddRow("full re-clustering", $"{count:N0}", $"{s3:F1}", "", $"k={full.Summary.K}, {full.Summary.Kept} ids kept, {full.Summary.Moved:N0} moved");
        var (s4, again) = await TimeAsync(() => engine.ReclusterAsync(null, false, ct));
        table.AddRow("re-clustering unchanged data", $"{count:N0}", $"{s4:F1}", "", $"{again.Summary.Kept} of {again.Summary.K} ids kept");
        AnsiConsole.Write(table);
        AnsiConsole.Write(await QualityAsync(engine, modes, ct));
        if (dataDir is null) Directory.Delete(dir, recursive: true);
        return 0;
    }

    /// <summary>The synthetic failure modes are a ground truth: how well each feature mode recovers them (dry runs with the
    /// configured grouping; behaviour is the default features).</summary>
    private static async Task<Table> QualityAsync(ClusteringEngine engine, Dictionary<string, string> modes, CancellationToken ct)
    {
        var table = new Table().Title($"Clusters vs the {modes.Values.Distinct().Count()} synthetic failure modes")
            .AddColumns("features", "k", "ARI", "purity", "inverse purity", "seconds");
        foreach (var mode in new[] { FeatureMode.Behaviour, FeatureMode.Embedding, FeatureMode.TfIdf, FeatureMode.Combined })
        {
            var (seconds, run) = await TimeAsync(() => engine.ReclusterAsync(mode, dryRun: true, ct));
            var s = ClusteringScores.Score([.. run.Assignments.Select(a => (a.ClusterId, modes[a.TraceId]))]);
            table.AddRow(mode.Name(), run.Summary.K.ToString(), s.AdjustedRand.ToString("F3"), s.Purity.ToString("F3"), s.InversePurity.ToString("F3"), $"{seconds:F1}");
        }
        return table;
    }

    private static async Task<int> IngestAsync(ClusteringEngine engine, IEnumerable<TraceDigest> digests, CancellationToken ct)
    {
        var assigned = 0;
        // Batches of 100, like ingest's TracesFlagged messages.
        foreach (var batch in digests.Chunk(100)) assigned += (await engine.IngestAsync(batch, ct)).Assignments.Count;
        return assigned;
    }

    private static async Task<(double Seconds, T Result)> TimeAsync<T>(Func<Task<T>> run)
    {
        var clock = Stopwatch.StartNew();
        var result = await AnsiConsole.Status().StartAsync("working…", _ => run());
        return (clock.Elapsed.TotalSeconds, result);
    }

    private static ClusteringEngine Engine(string dir, ITextEmbedder embedder, out SignatureEmbeddings embeddings)
    {
        var db = ClusteringDatabase.Open(dir);
        var options = Options.Create(new ClusteringOptions());
        var (failures, signatures, clusters) = (new FailureStore(db), new SignatureStore(db), new ClusterStore(db));
        embeddings = new SignatureEmbeddings(embedder, signatures);
        var spikes = new SpikeWatch(new ClusterQueries(db), clusters, options, TimeProvider.System);
        var analysed = new BetterHarness.Clustering.Analyst.AnalysedSignatures(new AnalysisStore(db), Options.Create(new BetterHarness.Clustering.Analyst.AnalystOptions()));
        return new ClusteringEngine(failures, signatures, clusters, embeddings, analysed, spikes, options, TimeProvider.System, NullLogger<ClusteringEngine>.Instance);
    }
}
