using BetterHarness.Contracts;
using BetterHarness.Ingest.Storage;
using Dapper;

namespace BetterHarness.Ingest.Retention;

/// <summary>Ingest's copy of which traces curation needs kept (<c>trace_pins</c>, from <see cref="TracePinsChanged"/>).</summary>
public sealed class TracePinStore(IngestDatabase database)
{
    /// <summary>Upserts each (trace, holder); an older fact than the stored one is ignored (idempotent, order-tolerant).</summary>
    public void Apply(TracePinsChanged change)
    {
        var atMs = change.At.ToUnixTimeMilliseconds();
        using var c = database.Database.Open();
        using var tx = c.BeginTransaction();
        c.Execute("""
            INSERT INTO trace_pins (trace_id, holder, pinned, at_ms) VALUES (@traceId, @holder, @pinned, @atMs)
            ON CONFLICT (trace_id, holder) DO UPDATE SET pinned = excluded.pinned, at_ms = excluded.at_ms
            WHERE excluded.at_ms >= trace_pins.at_ms
            """, change.TraceIds.Select(id => new { traceId = id.ToLowerInvariant(), holder = change.Holder, pinned = change.Pinned ? 1 : 0, atMs }), tx);
        tx.Commit();
    }

    /// <summary>Holders that pin the trace now.</summary>
    public IReadOnlyList<string> Holders(string traceId)
    {
        using var c = database.Database.Open();
        return c.Query<string>("SELECT holder FROM trace_pins WHERE trace_id = @traceId AND pinned = 1 ORDER BY holder", new { traceId }).ToList();
    }
}
