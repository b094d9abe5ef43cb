using System.Data;
using System.Text.Json;
using BetterHarness.Contracts;
using BetterHarness.ServiceDefaults.Storage;
using Dapper;

namespace BetterHarness.ServiceDefaults.Messaging.Outbox;

/// <summary>
/// The outbox of any service, as a table (<c>outbox_messages</c>) in the service's own store. The service
/// calls <see cref="Add"/> inside the transaction that stores its state; <see cref="OutboxDispatcher"/> publishes.
/// Only contract types (<c>BetterHarness.Contracts</c>) can be stored, so a stored message can always be read back.
/// On PostgreSQL several replicas' dispatchers drain one table: <see cref="Pending"/> claims its rows for this instance
/// (<c>FOR UPDATE SKIP LOCKED</c>, for a lease of <see cref="ClaimLease"/>), so no row is published by two of them.
/// </summary>
public sealed class MessageOutbox : IOutbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly System.Reflection.Assembly Contracts = typeof(TracesFlagged).Assembly;
    private readonly Database _database;
    private readonly Guid _claimer = Guid.NewGuid();
    private readonly TimeSpan _claimLease;

    /// <summary>How long a PostgreSQL claim holds when its dispatcher neither publishes nor releases it (it died).</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(30);

    /// <summary>Creates the outbox table in <paramref name="database"/> when it is not there yet.</summary>
    /// <param name="claimLease">PostgreSQL: how long this instance's claims hold (default <see cref="ClaimLease"/>).</param>
    public MessageOutbox(string name, Database database, TimeSpan? claimLease = null)
    {
        Name = name;
        _database = database;
        _claimLease = claimLease ?? ClaimLease;
        Migrator.Apply(database, typeof(MessageOutbox).Assembly);
    }

    public string Name { get; }

    /// <summary>The store the outbox table is in (writers add to it in their own transactions).</summary>
    public Database Database => _database;

    public OutboxSignal Signal { get; } = new();

    /// <summary>Stores messages in the caller's transaction; call <see cref="OutboxSignal.Notify"/> after it commits.</summary>
    public static void Add(IDbConnection connection, IDbTransaction transaction, IEnumerable<object> messages, long nowMs)
    {
        var rows = messages.Select(m =>
        {
            var type = m.GetType();
            if (type.Assembly != Contracts)
                throw new ArgumentException($"{type.FullName} is not a contract type; only BetterHarness.Contracts messages go through the outbox.");
            return new { type = type.FullName, payload = JsonSerializer.Serialize(m, type, Json), nowMs };
        }).ToList();
        if (rows.Count == 0) return;
        connection.Execute("INSERT INTO outbox_messages (message_type, payload, created_ms) VALUES (@type, @payload, @nowMs)", rows, transaction);
    }

    public IReadOnlyList<OutboxEntry> Pending(int limit)
    {
        using var c = _database.Open();
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // SQLite: one process owns the file, so the oldest unsent rows are this dispatcher's. PostgreSQL: claim them
        // (rows another dispatcher holds are skipped, not waited for); this instance's own claims are taken again
        // after a failed publish, and a dead dispatcher's once its lease lapsed.
        return c.Query<(long Id, string Type, string Payload)>(_database.Sql(
                sqlite: "SELECT id, message_type, payload FROM outbox_messages WHERE sent_ms IS NULL ORDER BY id LIMIT @limit",
                postgres: """
                    UPDATE outbox_messages SET claimed_by = @claimer, claimed_until_ms = @until
                    WHERE id IN (SELECT id FROM outbox_messages
                                 WHERE sent_ms IS NULL AND (claimed_by IS NULL OR claimed_by = @claimer OR claimed_until_ms < @nowMs)
                                 ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED)
                    RETURNING id, message_type, payload
                    """),
                new { limit, claimer = _claimer, nowMs, until = nowMs + (long)_claimLease.TotalMilliseconds })
            .OrderBy(r => r.Id)
            .Select(r => new OutboxEntry(r.Id, Read(r.Type, r.Payload)))
            .ToList();
    }

    public void MarkSent(IEnumerable<long> ids, long nowMs)
    {
        using var c = _database.Open();
        if (_database.Engine == StorageEngine.Postgres)
        {
            c.Execute("UPDATE outbox_messages SET sent_ms = @nowMs, claimed_by = NULL, claimed_until_ms = NULL WHERE id = ANY(@ids)",
                new { ids = ids.ToArray(), nowMs });
            return;
        }
        using var tx = c.BeginTransaction();
        c.Execute("UPDATE outbox_messages SET sent_ms = @nowMs WHERE id = @id", ids.Select(id => new { id, nowMs }), tx);
        tx.Commit();
    }

    public int Redrive(long windowMs)
    {
        using var c = _database.Open();
        return c.Execute(_database.Sql(
                sqlite: "UPDATE outbox_messages SET sent_ms = NULL WHERE sent_ms >= (SELECT max(sent_ms) FROM outbox_messages) - @windowMs",
                postgres: """
                    UPDATE outbox_messages SET sent_ms = NULL, claimed_by = NULL, claimed_until_ms = NULL
                    WHERE sent_ms >= (SELECT max(sent_ms) FROM outbox_messages) - @windowMs
                    """),
            new { windowMs });
    }

    public long PendingCount()
    {
        using var c = _database.Open();
        return c.ExecuteScalar<long>("SELECT count(*) FROM outbox_messages WHERE sent_ms IS NULL");
    }

    private static object Read(string typeName, string payload)
    {
        var type = Contracts.GetType(typeName, throwOnError: false)
            ?? throw new InvalidOperationException($"outbox holds a {typeName}, which is not a contract type of this version");
        return JsonSerializer.Deserialize(payload, type, Json)!;
    }
}
