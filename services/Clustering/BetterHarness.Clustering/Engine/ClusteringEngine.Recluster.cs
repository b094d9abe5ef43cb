using System.Diagnostics;
using BetterHarness.Clustering.Domain.Features;
using BetterHarness.Clustering.Domain.Grouping;
using BetterHarness.Clustering.Domain.Identity;
using BetterHarness.Clustering.Domain.Reclustering;
using BetterHarness.Clustering.Storage;
using BetterHarness.Contracts;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Clustering.Engine;

public sealed partial class ClusteringEngine
{
    private readonly SemaphoreSlim _reclusterGate = new(1, 1);

    /// <summary>
    /// Re-clusters every stored failure, after any re-clustering running on another replica (one at a time across them).
    /// With <paramref name="dryRun"/> nothing is stored and the assignments come back instead (the quality command
    /// compares feature modes this way).
    /// </summary>
    public async Task<(ReclusterSummary Summary, EngineResult Result, IReadOnlyList<(string TraceId, string ClusterId)> Assignments)>
        ReclusterAsync(FeatureMode? modeOverride, bool dryRun, CancellationToken ct)
    {
        await using var held = dryRun ? null : await clusters.HoldReclusteringAsync(ct);
        return await RunAsync(modeOverride, dryRun, ct);
    }

    /// <summary>
    /// The periodic re-clustering: runs only when no replica is re-clustering, and only if <paramref name="due"/> still
    /// holds once this one holds the lock (another may have just finished one). Null when it did not run.
    /// </summary>
    public async Task<ReclusterSummary?> TryReclusterAsync(Func<bool> due, CancellationToken ct)
    {
        await using var held = await clusters.TryHoldReclusteringAsync(ct);
        if (held is null || !due()) return null;
        return (await RunAsync(null, dryRun: false, ct)).Summary;
    }

    private async Task<(ReclusterSummary Summary, EngineResult Result, IReadOnlyList<(string TraceId, string ClusterId)> Assignments)>
        RunAsync(FeatureMode? modeOverride, bool dryRun, CancellationToken ct)
    {
        await _reclusterGate.WaitAsync(ct);
        try
        {
            var mode = modeOverride ?? Mode;
            var clock = Stopwatch.StartNew();
            var startedMs = time.GetUtcNow().ToUnixTimeMilliseconds();
            var (input, revisions) = Snapshot(mode, ct);
            var outcome = await Task.Run(() => Reclusterer.Run(input, NewId), ct);
            var moved = outcome.Assignments.Where(a => !input.PreviousAssignment.TryGetValue(a.TraceId, out var old) || old != a.ClusterId).ToList();
            var summary = Summarize(input, outcome, mode, moved.Count, clock.ElapsedMilliseconds, dryRun);
            if (dryRun) return (summary, EngineResult.Empty, [.. outcome.Assignments]);

            await _gate.WaitAsync(ct);
            try
            {
                // Only onto the revision that was clustered: a newer one that arrived meanwhile is assigned below.
                var movedAssignments = moved.Select(m => new TraceClusterAssignment(m.TraceId, m.ClusterId, revisions[m.TraceId])).ToList();
                var emerged = Emerged(outcome);
                var version = clusters.Apply(outcome, mode, summary, startedMs, time.GetUtcNow().ToUnixTimeMilliseconds(), revisions,
                    [.. FailureStore.Announcements(movedAssignments, AssignmentReasons.Recluster), .. emerged]);
                _model = new OnlineModel(outcome.Space, [.. outcome.Clusters.Select(c => c.Id)], [.. outcome.Clusters.Select(c => c.Centroid)]);
                (_modelLoaded, _modelVersion) = (true, version);
                // Failures that arrived while KMeans ran missed the snapshot: give them the new model's verdict now.
                var late = AssignOnline(failures.Unassigned(), null, "recluster", AssignmentReasons.Recluster, ct);
                logger.LogInformation("Re-clustered {Failures} failures ({Signatures} signatures, {Features}) into {K} clusters in {Ms} ms: " +
                    "{Kept} kept, {Emerged} emerged, {Retired} retired", summary.Failures, summary.Signatures, summary.Features,
                    summary.K, summary.DurationMs, summary.Kept, summary.Emerged, summary.Retired);
                return (summary with { DurationMs = clock.ElapsedMilliseconds }, new EngineResult([.. movedAssignments, .. late], emerged, []), []);
            }
            finally
            {
                _gate.Release();
            }
        }
        finally
        {
            _reclusterGate.Release();
        }
    }

    private (ReclusterInput Input, Dictionary<string, int> Revisions) Snapshot(FeatureMode mode, CancellationToken ct)
    {
        // Failures the analyst has answered for are clustered with "root cause: …" before their signature (none when it is off).
        var rows = failures.All();
        var remap = analysed.Remap(rows.Select(f => f.Hash));
        IReadOnlyList<(string TraceId, int Revision, string Hash, string? ClusterId)> all = remap.Count == 0 ? rows : [.. rows.Select(f => remap.TryGetValue(f.Hash, out var h) ? (f.TraceId, f.Revision, h, f.ClusterId) : f)];
        var stored = signatures.Find(all.Select(f => f.Hash));
        var known = all.Where(f => stored.ContainsKey(f.Hash)).ToList();
        var texts = stored.ToDictionary(kv => kv.Key, kv => kv.Value.Text, StringComparer.Ordinal);
        var vectors = mode.NeedsEmbedding() ? embeddings.Get(texts, ct) : null;
        var points = known.GroupBy(f => f.Hash).Select(g => new SignaturePoint(g.Key, stored[g.Key].Text, stored[g.Key].DominantKind,
            vectors?[g.Key], [.. g.Select(f => f.TraceId)])).ToList();
        var previous = known.Where(f => f.ClusterId is not null).ToDictionary(f => f.TraceId, f => f.ClusterId!, StringComparer.Ordinal);
        var centroids = clusters.Active().Where(c => c.Features == mode.Name())
            .ToDictionary(c => c.Id, c => Vectors.FromBytes(c.Centroid), StringComparer.Ordinal);
        var o = options.Value;
        var input = new ReclusterInput(points, previous, centroids, mode,
            new GroupingSettings(MinClusters: o.MinClusters, MaxClusters: Math.Max(o.MinClusters, o.MaxClusters), SampleSize: o.SilhouetteSample,
                Method: string.Equals(o.Grouping, "silhouette", StringComparison.OrdinalIgnoreCase) ? GroupingMethod.Silhouette : GroupingMethod.Linkage,
                MaxDistance: o.MaxDistance, MinClusterSize: o.MinClusterSize), new MatchSettings(MinJaccard: o.MinJaccard));
        return (input, known.ToDictionary(f => f.TraceId, f => f.Revision, StringComparer.Ordinal));
    }

    private IReadOnlyList<FailureClusterEmerged> Emerged(ReclusterOutcome outcome)
    {
        var now = time.GetUtcNow();
        var events = outcome.Identity.Events.Where(e => e.Kind == "emerged").ToDictionary(e => e.ClusterId, e => e.Related);
        return [.. outcome.Clusters.Where(c => events.ContainsKey(c.Id) && c.Members.Count >= options.Value.EmergedMinSize)
            .Select(c => new FailureClusterEmerged
            {
                ClusterId = c.Id, Label = c.Label.Text, Size = c.Members.Count, DominantSignal = c.Label.DominantKind,
                RepresentativeTraceIds = c.Representatives, DerivedFrom = events[c.Id], DetectedAt = now,
            })];
    }

    private static ReclusterSummary Summarize(ReclusterInput input, ReclusterOutcome outcome, FeatureMode mode, int moved, long ms, bool dryRun) => new()
    {
        Failures = input.Points.Sum(p => p.Members.Count),
        Signatures = input.Points.Count,
        Features = mode.Name(),
        K = outcome.Grouping.K,
        Silhouette = Math.Round(outcome.Grouping.Silhouette, 4),
        KTried = [.. outcome.Grouping.Tried.Select(t => new KScore(t.K, Math.Round(t.Score, 4)))],
        Kept = outcome.Clusters.Count - outcome.Identity.Emerged.Count,
        Emerged = outcome.Identity.Emerged.Count,
        Retired = outcome.Identity.Retired.Count,
        Splits = outcome.Identity.Events.Count(e => e.Kind == "split"),
        Merges = outcome.Identity.Events.Count(e => e.Kind == "merged"),
        Moved = moved,
        DurationMs = ms,
        DryRun = dryRun,
    };

    private static string NewId() => "fc-" + Guid.NewGuid().ToString("N")[..12];
}
