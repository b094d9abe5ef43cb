using System.Text.Json;
using BetterHarness.Contracts;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using Dapper;
using MassTransit;

namespace BetterHarness.Ingest.Storage;

/// <summary>
/// Ingest's transactional outbox: one digest per (trace, revision), written with the trace's evaluation
/// (<see cref="TraceStore.SaveEvaluations"/>) and published by the shared <see cref="OutboxDispatcher"/> in
/// batches of <see cref="TracesFlagged"/> (never one message per trace). Its own table, keyed on
/// (trace_id, revision), so a re-saved evaluation never queues a digest twice.
/// </summary>
public sealed class OutboxStore(IngestDatabase database) : IOutbox
{
    public string Name => "ingest";

    public OutboxSignal Signal { get; } = new();

    public IReadOnlyList<OutboxEntry> Pending(int limit)
    {
        using var c = database.Database.Open();
        return c.Query<(long Id, string Payload)>(
                "SELECT id, payload FROM outbox WHERE sent_ms IS NULL ORDER BY id LIMIT @limit", new { limit })
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
        using var tx = c.BeginTransaction();
        c.Execute("UPDATE outbox SET sent_ms = @nowMs WHERE id = @id", ids.Select(id => new { id, nowMs }), tx);
        tx.Commit();
    }

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
