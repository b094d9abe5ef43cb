using System.Text.Json;
using BetterHarness.Clustering.Domain.Features;
using BetterHarness.Clustering.Domain.Reclustering;
using BetterHarness.Clustering.Engine;
using BetterHarness.Contracts;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Storage;
using Dapper;

namespace BetterHarness.Clustering.Storage;

/// <summary>Clusters, their identity events and the re-clustering log.</summary>
public sealed class ClusterStore(ClusteringDatabase database)
{
    private const string Columns = """
        id AS Id, label AS Label, dominant_kind AS DominantKind, terms AS Terms, representatives AS Representatives,
        features AS Features, centroid AS Centroid, created_ms AS CreatedMs, updated_ms AS UpdatedMs,
        retired_ms AS RetiredMs, last_spike_bucket AS LastSpikeBucket
        """;

    public IReadOnlyList<ClusterRow> Active()
    {
        using var c = database.Database.Open();
        return c.Query<ClusterRow>($"SELECT {Columns} FROM clusters WHERE retired_ms IS NULL ORDER BY id").ToList();
    }

    public ClusterRow? Find(string id)
    {
        using var c = database.Database.Open();
        return c.QuerySingleOrDefault<ClusterRow>($"SELECT {Columns} FROM clusters WHERE id = @id", new { id });
    }

    public IReadOnlyList<(long AtMs, string Kind, string Related)> Events(string id)
    {
        using var c = database.Database.Open();
        return c.Query<(long, string, string)>(
            "SELECT at_ms, kind, related FROM cluster_events WHERE cluster_id = @id ORDER BY at_ms, id", new { id }).ToList();
    }

    /// <summary>
    /// Records a spike for the bucket and puts its alert in the outbox, in one transaction; false when this bucket
    /// already had one (alert once).
    /// </summary>
    public bool MarkSpike(string id, long bucket, FailureClusterSpiking alert)
    {
        using var c = database.Database.Open();
        using var tx = c.BeginTransaction();
        var marked = c.Execute("""
            UPDATE clusters SET last_spike_bucket = @bucket
            WHERE id = @id AND (last_spike_bucket IS NULL OR last_spike_bucket < @bucket)
            """, new { id, bucket }, tx) > 0;
        if (marked) MessageOutbox.Add(c, tx, [alert], alert.DetectedAt.ToUnixTimeMilliseconds());
        tx.Commit();
        if (marked) database.Outbox.Signal.Notify();
        return marked;
    }

    /// <summary>
    /// Stores a re-clustering in one transaction: clusters, retirements, events, every member's cluster, the run,
    /// and what announces it (<paramref name="announcements"/>: moved assignments, emerged clusters) in the outbox.
    /// Returns the run's id: the version of the model it made (<see cref="ModelVersion"/>).
    /// </summary>
    public long Apply(ReclusterOutcome outcome, FeatureMode mode, ReclusterSummary summary, long startedMs, long nowMs,
        IReadOnlyDictionary<string, int> revisions, IReadOnlyList<object> announcements)
    {
        using var c = database.Database.Open();
        using var tx = c.BeginTransaction();
        c.LockForWrite(tx, database.Database, ModelLock);
        c.Execute("""
            INSERT INTO clusters (id, label, dominant_kind, terms, representatives, features, centroid, created_ms, updated_ms)
            VALUES (@Id, @Label, @Kind, @Terms, @Reps, @Features, @Centroid, @nowMs, @nowMs)
            ON CONFLICT (id) DO UPDATE SET label = excluded.label, dominant_kind = excluded.dominant_kind,
                terms = excluded.terms, representatives = excluded.representatives, features = excluded.features,
                centroid = excluded.centroid, updated_ms = excluded.updated_ms, retired_ms = NULL
            """, outcome.Clusters.Select(k => new
        {
            k.Id, Label = k.Label.Text, Kind = k.Label.DominantKind, Terms = JsonSerializer.Serialize(k.Label.Terms),
            Reps = JsonSerializer.Serialize(k.Representatives), Features = mode.Name(), Centroid = Vectors.ToBytes(k.Centroid), nowMs,
        }), tx);
        c.Execute("UPDATE clusters SET retired_ms = @nowMs WHERE id = @id AND retired_ms IS NULL",
            outcome.Identity.Retired.Select(id => new { id, nowMs }), tx);
        c.Execute("INSERT INTO cluster_events (at_ms, kind, cluster_id, related) VALUES (@nowMs, @Kind, @ClusterId, @Related)",
            outcome.Identity.Events.Select(e => new { nowMs, e.Kind, e.ClusterId, Related = JsonSerializer.Serialize(e.Related) }), tx);
        c.Execute("""
            UPDATE failures SET cluster_id = @ClusterId, similarity = NULL, assigned_ms = @nowMs, assigned_by = 'recluster'
            WHERE trace_id = @TraceId AND revision = @Revision AND (cluster_id IS NULL OR cluster_id <> @ClusterId)
            """, outcome.Assignments.Select(a => new { a.TraceId, a.ClusterId, Revision = revisions[a.TraceId], nowMs }), tx);
        var version = c.ExecuteScalar<long>("""
            INSERT INTO recluster_runs (started_ms, finished_ms, failures, signatures, k, silhouette, features, summary)
            VALUES (@startedMs, @nowMs, @Failures, @Signatures, @K, @Silhouette, @Features, @Json) RETURNING id
            """, new { startedMs, nowMs, summary.Failures, summary.Signatures, summary.K, summary.Silhouette, summary.Features,
            Json = JsonSerializer.Serialize(summary) }, tx);
        MessageOutbox.Add(c, tx, announcements, nowMs);
        tx.Commit();
        if (announcements.Count > 0) database.Outbox.Signal.Notify();
        return version;
    }

    /// <summary>
    /// The version of the current clusters: the id of the last re-clustering stored (0 before the first). A replica whose
    /// model is older than this reloads it before assigning, so every replica assigns with the newest clusters.
    /// </summary>
    public long ModelVersion()
    {
        using var c = database.Database.Open();
        return c.ExecuteScalar<long>(ModelVersionSql);
    }

    internal const string ModelVersionSql = "SELECT coalesce(max(id), 0) FROM recluster_runs";

    /// <summary>The write lock under which a re-clustering is stored and an online assignment checks its model's version.</summary>
    internal const string ModelLock = "model";

    /// <summary>Holds the store's re-clustering lock (one re-clustering at a time across replicas), or null when another holds it.</summary>
    public Task<IAsyncDisposable?> TryHoldReclusteringAsync(CancellationToken ct) => database.Database.TryHoldAsync("recluster", ct);

    /// <summary>Waits for the store's re-clustering lock and holds it.</summary>
    public Task<IAsyncDisposable> HoldReclusteringAsync(CancellationToken ct) => database.Database.HoldAsync("recluster", ct);

    public long? LastRunMs()
    {
        using var c = database.Database.Open();
        return c.ExecuteScalar<long?>("SELECT max(finished_ms) FROM recluster_runs");
    }
}
