using System.Text.Json;
using BetterHarness.Contracts;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Storage;
using Dapper;
using MassTransit;

namespace BetterHarness.Ingest.Storage;

/// <summary>
/// Ingest's transactional outbox: one digest per (trace, revision), written with the trace's evaluation
/// (<see cref="TraceStore.SaveEvaluations"/>) and published by the shared <see cref="OutboxDispatcher"/> in
/// batches of <see cref="TracesFlagged"/> (never one message per trace). Its own table, keyed on
/// (trace_id, revision), so a re-saved evaluation never queues a digest twice. On PostgreSQL replicas share the table and
/// each dispatcher claims its batch (<c>FOR UPDATE SKIP LOCKED</c>, for <see cref="MessageOutbox.ClaimLease"/>) as the
/// shared <see cref="MessageOutbox"/> does, so no digest is published by two of them.
/// </summary>
public sealed class OutboxStore(IngestDatabase database) : IOutbox
{
    private readonly Guid _claimer = Guid.NewGuid();

    public string Name => "ingest";

    public OutboxSignal Signal { get; } = new();

    public IReadOnlyList<OutboxEntry> Pending(int limit)
    {
        using var c = database.Database.Open();
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return c.Query<(long Id, string Payload)>(database.Sql(
                sqlite: "SELECT id, payload FROM outbox WHERE sent_ms IS NULL ORDER BY id LIMIT @limit",
                postgres: """
                    UPDATE outbox SET claimed_by = @claimer, claimed_until_ms = @until
                    WHERE id IN (SELECT id FROM outbox
                                 WHERE sent_ms IS NULL AND (claimed_by IS NULL OR claimed_by = @claimer OR claimed_until_ms < @nowMs)
                                 ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED)
                    RETURNING id, payload
                    """),
                new { limit, claimer = _claimer, nowMs, until = nowMs + (long)MessageOutbox.ClaimLease.TotalMilliseconds })
            .OrderBy(r => r.Id)
            .Select(r => new OutboxEntry(r.Id, JsonSerializer.Deserialize<TraceDigest>(r.Payload, IngestJson.Options)!))
            .ToList();
    }

    /// <summary>One <see cref="TracesFlagged"/> per batch; only the newest revision of a trace in it matters downstream.</summary>
    public IReadOnlyList<object> Messages(IReadOnlyList<OutboxEntry> pending) =>
    [
        new TracesFlagged
        {
            BatchId = NewId.NextGuid(),
            Traces = [.. pending.Select(p => (TraceDigest)p.Message).GroupBy(d => d.TraceId).Select(g => g.MaxBy(d => d.Revision)!)],
        },
    ];

    public void MarkSent(IEnumerable<long> ids, long nowMs)
    {
        using var c = database.Database.Open();
        if (database.Engine == StorageEngine.Postgres)
        {
            c.Execute("UPDATE outbox SET sent_ms = @nowMs, claimed_by = NULL, claimed_until_ms = NULL WHERE id = ANY(@ids)",
                new { ids = ids.ToArray(), nowMs });
            return;
        }
        using var tx = c.BeginTransaction();
        c.Execute("UPDATE outbox SET sent_ms = @nowMs WHERE id = @id", ids.Select(id => new { id, nowMs }), tx);
        tx.Commit();
    }

    public int Redrive(long windowMs)
    {
        using var c = database.Database.Open();
        return c.Execute(database.Sql(
                sqlite: "UPDATE outbox SET sent_ms = NULL WHERE sent_ms >= (SELECT max(sent_ms) FROM outbox) - @windowMs",
                postgres: """
                    UPDATE outbox SET sent_ms = NULL, claimed_by = NULL, claimed_until_ms = NULL
                    WHERE sent_ms >= (SELECT max(sent_ms) FROM outbox) - @windowMs
                    """),
            new { windowMs });
    }

    public long PendingCount()
    {
        using var c = database.Database.Open();
        return c.ExecuteScalar<long>("SELECT count(*) FROM outbox WHERE sent_ms IS NULL");
    }
}
