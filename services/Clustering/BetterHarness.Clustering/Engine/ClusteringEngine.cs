using BetterHarness.Clustering.Analyst;
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
    FailureStore failures, SignatureStore signatures, ClusterStore clusters, SignatureEmbeddings embeddings, AnalysedSignatures analysed,
    SpikeWatch spikes, IOptions<ClusteringOptions> options, TimeProvider time, ILogger<ClusteringEngine> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OnlineModel? _model;
    private bool _modelLoaded;
    private long _modelVersion;

    public FeatureMode Mode => FeatureModes.TryParse(options.Value.Features, out var m) ? m : FeatureMode.Embedding;

    /// <summary>
    /// Stores the flagged digests (idempotent on trace id and revision) and assigns the new ones online; a digest
    /// that is no longer flagged withdraws its trace's earlier failure. What the result holds is already in the
    /// outbox (stored with the state it announces), so the caller publishes nothing itself.
    /// </summary>
    public async Task<EngineResult> IngestAsync(IReadOnlyList<TraceDigest> all, CancellationToken ct)
    {
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var withdrawn = all.Where(d => !d.IsFlagged()).Count(d => failures.Withdraw(d.TraceId.ToLowerInvariant(), d.Revision, nowMs));
        var digests = all.Where(d => d.IsFlagged()).ToList();
        var built = digests.Select(d => (Digest: d, Signature: SignatureBuilder.Build(d))).ToList();
        var distinct = built.Select(b => b.Signature).DistinctBy(s => s.Hash).ToList();
        signatures.Add(distinct.Select(s => (s.Hash, s.Text, s.DominantKind)));
        var stored = failures.Upsert([.. built.Select(b => Row(b.Digest, b.Signature, nowMs))]);
        // A redelivery of what is already stored (e.g. a retry after the first attempt failed past the store) must
        // still finish the work: assign it if it is unassigned. An assigned one was announced through the outbox.
        var retry = Unassigned(built.Select(b => b.Digest).Where(d => !stored.Any(r => r.TraceId == d.TraceId.ToLowerInvariant())));
        if (stored.Count == 0 && retry.Count == 0) return EngineResult.Empty with { Withdrawn = withdrawn };
        var texts = distinct.ToDictionary(s => s.Hash, s => s.Text, StringComparer.Ordinal);
        // Embed before taking the lock: it is the slow part and needs no shared state.
        if (Mode.NeedsEmbedding()) embeddings.Get(texts, ct);
        await _gate.WaitAsync(ct);
        try
        {
            EnsureModel();
            var assigned = AssignOnline([.. stored.Select(r => (r.TraceId, r.Revision, r.SignatureHash)), .. retry], texts, "online", AssignmentReasons.Online, ct);
            return new EngineResult(assigned, [], spikes.Check(assigned.Select(a => a.ClusterId).Distinct().ToList())) { Withdrawn = withdrawn };
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
            return EngineResult.Empty with { Assignments = AssignOnline(failures.Unassigned(), null, "pending", AssignmentReasons.Online, ct) };
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Nearest centroid when similar enough; the rest stay unassigned. <paramref name="by"/> is recorded so the
    /// completion → assignment latency counts only failures assigned as they arrived; <paramref name="reason"/> goes
    /// on the <see cref="TracesClustered"/> stored with them. When another replica stored a re-clustering between
    /// loading the model and storing, nothing was stored: the new model is loaded and asked again. Caller holds the lock.
    /// </summary>
    private IReadOnlyList<TraceClusterAssignment> AssignOnline(
        IReadOnlyList<(string TraceId, int Revision, string Hash)> items, IReadOnlyDictionary<string, string>? texts, string by,
        string reason, CancellationToken ct)
    {
        while (true)
        {
            if (AssignWithModel(items, texts, by, reason, ct) is { } stored) return stored;
            EnsureModel();
        }
    }

    private IReadOnlyList<TraceClusterAssignment>? AssignWithModel(
        IReadOnlyList<(string TraceId, int Revision, string Hash)> items, IReadOnlyDictionary<string, string>? texts, string by,
        string reason, CancellationToken ct)
    {
        if (_model is null || items.Count == 0) return [];
        var hashes = items.Select(i => i.Hash).Distinct(StringComparer.Ordinal).ToList();
        var textByHash = texts is not null && hashes.All(texts.ContainsKey)
            ? hashes.ToDictionary(h => h, h => texts[h], StringComparer.Ordinal)
            : signatures.Find(hashes).ToDictionary(kv => kv.Key, kv => kv.Value.Text, StringComparer.Ordinal);
        var embedded = _model.Space.Mode.NeedsEmbedding() ? embeddings.Get(textByHash, ct) : null;
        var nearest = Nearest(_model, textByHash, embedded);
        PreferAnalysed(_model, nearest);
        var assigned = items.Where(i => nearest.TryGetValue(i.Hash, out var n) && n.ClusterId is not null && n.Similarity >= options.Value.AssignThreshold)
            .Select(i => (i.TraceId, i.Revision, ClusterId: nearest[i.Hash].ClusterId!, Similarity: (double)nearest[i.Hash].Similarity)).ToList();
        return failures.Assign(assigned, time.GetUtcNow().ToUnixTimeMilliseconds(), by, reason, _modelVersion);
    }

    private static Dictionary<string, (string? ClusterId, float Similarity)> Nearest(
        OnlineModel model, IReadOnlyDictionary<string, string> textByHash, IReadOnlyDictionary<string, float[]>? embedded)
    {
        var ordered = textByHash.Keys.ToList();
        var vectors = model.Space.Vectors([.. ordered.Select(h => textByHash[h])], embedded is null ? null : [.. ordered.Select(h => embedded[h])]);
        return ordered.Select((h, i) => (h, n: model.Nearest(vectors[i]))).ToDictionary(x => x.h, x => x.n, StringComparer.Ordinal);
    }

    /// <summary>
    /// A signature the LLM analyst has answered for may sit closer to the centroids (which re-clustering made from the
    /// analysed texts) by its analysed text: the nearer of the two wins. Only an analysed text already embedded counts,
    /// so nothing is embedded under the lock and no model call is waited for. Nothing happens with the analyst off.
    /// </summary>
    private void PreferAnalysed(OnlineModel model, Dictionary<string, (string? ClusterId, float Similarity)> nearest)
    {
        var remap = analysed.Remap(nearest.Keys);
        if (remap.Count == 0) return;
        var cached = model.Space.Mode.NeedsEmbedding() ? embeddings.Cached(remap.Values) : null;
        var usable = remap.Where(r => cached is null || cached.ContainsKey(r.Value)).ToList();
        if (usable.Count == 0) return;
        var texts = signatures.Find(usable.Select(r => r.Value).Distinct(StringComparer.Ordinal))
            .ToDictionary(kv => kv.Key, kv => kv.Value.Text, StringComparer.Ordinal);
        var byAnalysed = Nearest(model, texts, cached);
        foreach (var (raw, analysedHash) in usable)
            if (byAnalysed.TryGetValue(analysedHash, out var n) && n.ClusterId is not null && n.Similarity > nearest[raw].Similarity)
                nearest[raw] = n;
    }

    /// <summary>Of digests not newly stored, those whose revision is the stored one and still unassigned: to retry.</summary>
    private List<(string TraceId, int Revision, string Hash)> Unassigned(IEnumerable<TraceDigest> digests)
    {
        var retry = new List<(string, int, string)>();
        foreach (var d in digests)
        {
            var traceId = d.TraceId.ToLowerInvariant();
            if (failures.Find(traceId) is { ClusterId: null } current && current.Revision == d.Revision)
                retry.Add((traceId, d.Revision, SignatureBuilder.Build(d).Hash));
        }
        return retry;
    }

    private static FailureRow Row(TraceDigest d, FailureSignature s, long nowMs) => new(
        d.TraceId.ToLowerInvariant(), d.Revision, s.Hash, d.ServiceName, d.AgentName, string.Join(',', s.Kinds),
        string.Join(',', s.ErrorTypes), d.CompletedAt.ToUnixTimeMilliseconds(), nowMs);
}
