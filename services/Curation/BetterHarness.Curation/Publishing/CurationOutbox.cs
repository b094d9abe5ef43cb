using System.Text.Json;
using BetterHarness.Contracts;
using BetterHarness.Curation.Storage;
using Dapper;

namespace BetterHarness.Curation.Publishing;

/// <summary>
/// The curation outbox (<c>curation_outbox</c>): contract messages stored in the transaction of the change they
/// describe, published by <see cref="CurationOutboxDispatcher"/> and marked sent.
/// </summary>
public sealed class CurationOutbox(CurationDatabase db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly System.Reflection.Assembly Contracts = typeof(EvalSetChanged).Assembly;

    internal static void Add(CurationWrite write, object message)
    {
        var type = message.GetType();
        if (type.Assembly != Contracts) throw new ArgumentException($"{type.FullName} is not a contract type");
        write.Connection.Execute("INSERT INTO curation_outbox (message_type, payload, created_ms) VALUES (@type, @payload, @now)",
            new { type = type.FullName, payload = JsonSerializer.Serialize(message, type, Json), now = write.Now.ToUnixTimeMilliseconds() },
            write.Transaction);
    }

    public IReadOnlyList<(long Id, object Message)> Pending(int limit)
    {
        using var c = db.Database.Open();
        return c.Query<(long Id, string Type, string Payload)>(
                "SELECT id, message_type, payload FROM curation_outbox WHERE sent_ms IS NULL ORDER BY id LIMIT @limit", new { limit })
            .Select(r => (r.Id, JsonSerializer.Deserialize(r.Payload, Contracts.GetType(r.Type, throwOnError: true)!, Json)!))
            .ToList();
    }

    public void MarkSent(IEnumerable<long> ids, long nowMs)
    {
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        c.Execute("UPDATE curation_outbox SET sent_ms = @nowMs WHERE id = @id", ids.Select(id => new { id, nowMs }), tx);
        tx.Commit();
    }

    /// <summary>In-memory transport: entries sent within the window before the last send are published again at start.</summary>
    public int Redrive(long windowMs)
    {
        using var c = db.Database.Open();
        return c.Execute("UPDATE curation_outbox SET sent_ms = NULL WHERE sent_ms >= (SELECT max(sent_ms) FROM curation_outbox) - @windowMs", new { windowMs });
    }
}
