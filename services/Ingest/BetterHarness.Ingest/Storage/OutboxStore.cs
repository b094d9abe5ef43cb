using System.Text.Json;
using BetterHarness.Contracts;
using Dapper;

namespace BetterHarness.Ingest.Storage;

/// <summary>The transactional outbox of digests waiting to be published.</summary>
public sealed class OutboxStore(IngestDatabase database)
{
    public IReadOnlyList<(long Id, TraceDigest Digest)> Pending(int limit)
    {
        using var c = database.Database.Open();
        return c.Query<(long Id, string Payload)>(
                "SELECT id, payload FROM outbox WHERE sent_ms IS NULL ORDER BY id LIMIT @limit", new { limit })
            .Select(r => (r.Id, JsonSerializer.Deserialize<TraceDigest>(r.Payload, IngestJson.Options)!))
            .ToList();
    }

    public void MarkSent(IEnumerable<long> ids, long nowMs)
    {
        using var c = database.Database.Open();
        using var tx = c.BeginTransaction();
        c.Execute("UPDATE outbox SET sent_ms = @nowMs WHERE id = @id", ids.Select(id => new { id, nowMs }), tx);
        tx.Commit();
    }

    /// <summary>
    /// Marks digests sent within <paramref name="windowMs"/> before the last one sent as pending again
    /// (anchored on the last send, not on now, so a late restart still re-publishes); returns how many.
    /// </summary>
    public int Redrive(long windowMs)
    {
        using var c = database.Database.Open();
        return c.Execute(
            "UPDATE outbox SET sent_ms = NULL WHERE sent_ms >= (SELECT max(sent_ms) FROM outbox) - @windowMs",
            new { windowMs });
    }

    public long PendingCount()
    {
        using var c = database.Database.Open();
        return c.ExecuteScalar<long>("SELECT count(*) FROM outbox WHERE sent_ms IS NULL");
    }
}
