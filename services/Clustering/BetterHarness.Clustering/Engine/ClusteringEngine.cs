using BetterHarness.Clustering.Domain.Features;
using BetterHarness.Clustering.Domain.Signatures;
using BetterHarness.Clustering.Storage;
using BetterHarness.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Clustering.Engine;

/// <summary>
/// The clustering service's state machine: stores failures, assigns them online to the current clusters,
/// re-clusters (see the Recluster part), and says what to publish. One lock serialises the model and
/// assignments; a re-clustering computes outside it and only swaps the result in under it.
/// </summary>
public sealed partial class ClusteringEngine(
    FailureStore failures, SignatureStore signatures, ClusterStore clusters, SignatureEmbeddings embeddings,
    SpikeWatch spikes, IOptions<ClusteringOptions> options, TimeProvider time, ILogger<ClusteringEngine> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OnlineModel? _model;
    private bool _modelLoaded;

    public FeatureMode Mode => FeatureModes.TryParse(options.Value.Features, out var m) ? m : FeatureMode.Embedding;

    /// <summary>Stores the digests (idempotent on trace id and revision) and assigns the new ones online.</summary>
    public async Task<EngineResult> IngestAsync(IReadOnlyList<TraceDigest> digests, CancellationToken ct)
    {
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var built = digests.Select(d => (Digest: d, Signature: SignatureBuilder.Build(d))).ToList();
        var distinct = built.Select(b => b.Signature).DistinctBy(s => s.Hash).ToList();
        signatures.Add(distinct.Select(s => (s.Hash, s.Text, s.DominantKind)));
        var stored = failures.Upsert([.. built.Select(b => Row(b.Digest, b.Signature, nowMs))]);
        // A redelivery of what is already stored (e.g. a retry after the first attempt failed past the store)
        // must still finish the work: assign it if it is unassigned, publish its assignment again if not.
        var (retry, republish) = Redelivered(built.Select(b => b.Digest).Where(d => !stored.Any(r => r.TraceId == d.TraceId.ToLowerInvariant())));
        if (stored.Count == 0 && retry.Count == 0 && republish.Count == 0) return EngineResult.Empty;
        var texts = distinct.ToDictionary(s => s.Hash, s => s.Text, StringComparer.Ordinal);
        // Embed before taking the lock: it is the slow part and needs no shared state.
        if (Mode.NeedsEmbedding()) embeddings.Get(texts, ct);
        await _gate.WaitAsync(ct);
        try
        {
            EnsureModel();
            var assigned = AssignOnline([.. stored.Select(r => (r.TraceId, r.Revision, r.SignatureHash)), .. retry], texts, "online", ct);
            return new EngineResult([.. assigned, .. republish], spikes.Check(assigned.Select(a => a.ClusterId).Distinct().ToList()));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Assigns failures stored but never assigned (e.g. before a crash) with the current model.</summary>
    public async Task<EngineResult> AssignPendingAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            EnsureModel();
            if (_model is null) return EngineResult.Empty;
            var assigned = AssignOnline(failures.Unassigned(), null, "pending", ct);
            return new EngineResult(assigned, []);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Nearest centroid when similar enough; the rest stay unassigned. <paramref name="by"/> is recorded so the
    /// completion → assignment latency counts only failures assigned as they arrived. Caller holds the lock.
    /// </summary>
    private List<TraceClusterAssignment> AssignOnline(
        IReadOnlyList<(string TraceId, int Revision, string Hash)> items, IReadOnlyDictionary<string, string>? texts, string by, CancellationToken ct)
    {
        if (_model is null || items.Count == 0) return [];
        var hashes = items.Select(i => i.Hash).Distinct(StringComparer.Ordinal).ToList();
        var textByHash = texts is not null && hashes.All(texts.ContainsKey)
            ? hashes.ToDictionary(h => h, h => texts[h], StringComparer.Ordinal)
            : signatures.Find(hashes).ToDictionary(kv => kv.Key, kv => kv.Value.Text, StringComparer.Ordinal);
        var ordered = textByHash.Keys.ToList();
        var embedded = _model.Space.Mode.NeedsEmbedding() ? embeddings.Get(textByHash, ct) : null;
        var vectors = _model.Space.Vectors([.. ordered.Select(h => textByHash[h])],
            embedded is null ? null : [.. ordered.Select(h => embedded[h])]);
        var nearest = ordered.Select((h, i) => (h, n: _model.Nearest(vectors[i]))).ToDictionary(x => x.h, x => x.n, StringComparer.Ordinal);
        var assigned = items.Where(i => nearest.TryGetValue(i.Hash, out var n) && n.ClusterId is not null && n.Similarity >= options.Value.AssignThreshold)
            .Select(i => (i.TraceId, i.Revision, ClusterId: nearest[i.Hash].ClusterId!, Similarity: (double)nearest[i.Hash].Similarity)).ToList();
        failures.Assign(assigned.Select(a => (a.TraceId, a.Revision, a.ClusterId, a.Similarity)), time.GetUtcNow().ToUnixTimeMilliseconds(), by);
        return [.. assigned.Select(a => new TraceClusterAssignment(a.TraceId, a.ClusterId, a.Revision))];
    }

    /// <summary>Of digests not newly stored, those whose revision is the stored one: unassigned to retry, assigned to re-publish.</summary>
    private (List<(string TraceId, int Revision, string Hash)> Retry, List<TraceClusterAssignment> Republish) Redelivered(IEnumerable<TraceDigest> digests)
    {
        var retry = new List<(string, int, string)>();
        var republish = new List<TraceClusterAssignment>();
        foreach (var d in digests)
        {
            var traceId = d.TraceId.ToLowerInvariant();
            if (failures.Find(traceId) is not { } current || current.Revision != d.Revision) continue;
            if (current.ClusterId is { } clusterId) republish.Add(new TraceClusterAssignment(traceId, clusterId, d.Revision));
            else retry.Add((traceId, d.Revision, SignatureBuilder.Build(d).Hash));
        }
        return (retry, republish);
    }

    private static FailureRow Row(TraceDigest d, FailureSignature s, long nowMs) => new(
        d.TraceId.ToLowerInvariant(), d.Revision, s.Hash, d.ServiceName, d.AgentName, string.Join(',', s.Kinds),
        string.Join(',', s.ErrorTypes), d.CompletedAt.ToUnixTimeMilliseconds(), nowMs);
}
