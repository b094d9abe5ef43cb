using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Globalization;
using BetterHarness.Contracts;
using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.ServiceDefaults.Storage;
using Dapper;

namespace BetterHarness.Optimizer.Harnesses.Storage;

/// <summary>
/// Versioned harness documents per agent. A new version gets the next number in the same transaction that reads
/// it; creating a document identical to the agent's latest version returns that version instead (idempotent
/// retries). An agent's first version becomes current so the agent has something to pull from day one.
/// </summary>
public sealed class HarnessStore(HarnessDatabase db, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <returns>The stored version and whether it was created (false: identical to the latest).</returns>
    public (HarnessVersion Version, bool Created) Create(string agent, HarnessDocument document, int? parentVersion, string author, string reason)
    {
        var json = JsonSerializer.Serialize(document, Json);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        // Replicas share the table on PostgreSQL, so two creators of the same agent's next version take turns.
        c.LockForWrite(tx, db.Database, "harness_versions:" + agent);
        var latest = c.QueryFirstOrDefault<Row>(Select + " WHERE agent = @agent ORDER BY version DESC LIMIT 1", new { agent }, tx);
        if (latest is not null && latest.content_hash == hash) return (latest.ToVersion(), false);
        if (parentVersion is { } p && c.ExecuteScalar<int>("SELECT COUNT(*) FROM harness_versions WHERE agent = @agent AND version = @p", new { agent, p }, tx) == 0)
            throw new ArgumentException($"parent version {p} of agent '{agent}' does not exist");
        var version = (int)(latest?.version ?? 0) + 1;
        var now = clock.GetUtcNow();
        c.Execute("""
            INSERT INTO harness_versions (agent, version, parent_version, author, reason, document_json, content_hash, created_at, announced)
            VALUES (@agent, @version, @parent, @author, @reason, @json, @hash, @now, 1)
            """, new { agent, version, parent = parentVersion ?? latest?.version, author, reason, json, hash, now = now.ToString("O") }, tx);
        c.Execute("INSERT INTO harness_current (agent, version, changed_at, changed_by) VALUES (@agent, @version, @now, @author) ON CONFLICT (agent) DO NOTHING",
            new { agent, version, now = now.ToString("O"), author }, tx);
        MessageOutbox.Add(c, tx, [HarnessAnnouncement.Of(agent, version, document, now)], now.ToUnixTimeMilliseconds());
        tx.Commit();
        db.Outbox.Signal.Notify();
        return (new HarnessVersion(agent, version, parentVersion ?? (int?)latest?.version, author, reason, document, hash, now), true);
    }

    public HarnessVersion? Get(string agent, int version)
    {
        using var c = db.Database.Open();
        return c.QueryFirstOrDefault<Row>(Select + " WHERE agent = @agent AND version = @version", new { agent, version })?.ToVersion();
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<HarnessVersion> List(string agent)
    {
        using var c = db.Database.Open();
        return c.Query<Row>(Select + " WHERE agent = @agent ORDER BY version DESC", new { agent }).Select(r => r.ToVersion()).ToList();
    }

    public CurrentHarness? Current(string agent)
    {
        using var c = db.Database.Open();
        var current = c.QueryFirstOrDefault<(long Version, string ChangedAt, string ChangedBy)>(
            "SELECT version, changed_at, changed_by FROM harness_current WHERE agent = @agent", new { agent });
        if (current == default) return null;
        var version = c.QueryFirst<Row>(Select + " WHERE agent = @agent AND version = @v", new { agent, v = current.Version }).ToVersion();
        return new CurrentHarness(version, DateTimeOffset.Parse(current.ChangedAt, System.Globalization.CultureInfo.InvariantCulture), current.ChangedBy);
    }

    /// <summary>
    /// An admin makes <paramref name="version"/> current by hand: the change, its audit entry and the
    /// <see cref="HarnessVersionApproved"/> fact (no optimisation) commit in one transaction. False when the version does not exist.
    /// </summary>
    public bool MakeCurrent(string agent, int version, Actor actor)
    {
        var now = clock.GetUtcNow();
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        if (c.ExecuteScalar<int>("SELECT COUNT(*) FROM harness_versions WHERE agent = @agent AND version = @version", new { agent, version }, tx) == 0) return false;
        var previous = c.ExecuteScalar<long?>("SELECT version FROM harness_current WHERE agent = @agent", new { agent }, tx);
        c.Execute("""
            INSERT INTO harness_current (agent, version, changed_at, changed_by) VALUES (@agent, @version, @now, @actor)
            ON CONFLICT (agent) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at, changed_by = excluded.changed_by
            """, new { agent, version, now = now.ToString("O"), actor = actor.Name }, tx);
        AuditLog.Append(c, tx, actor, "harness.current", agent, $"version {version} made current by hand (was {previous?.ToString(CultureInfo.InvariantCulture) ?? "none"})", now);
        MessageOutbox.Add(c, tx, [new HarnessVersionApproved { Agent = agent, Version = version, PreviousVersion = (int?)previous, ApprovedBy = actor.Name, At = now }],
            now.ToUnixTimeMilliseconds());
        tx.Commit();
        db.Outbox.Signal.Notify();
        return true;
    }

    /// <summary>Records the model an optimisation validated <paramref name="version"/> with (once: the first validation stays).</summary>
    public void RecordValidation(string agent, int version, ValidatedWith validatedWith)
    {
        using var c = db.Database.Open();
        c.Execute("""
            UPDATE harness_versions SET validated_model = @Model, validated_simulated = @Simulated
            WHERE agent = @agent AND version = @version AND validated_model IS NULL
            """, new { agent, version, validatedWith.Model, Simulated = validatedWith.Simulated ? 1 : 0 });
    }

    /// <summary>
    /// Announces every version not announced yet (stored before announcements existed) through the outbox, in one
    /// transaction; returns how many.
    /// </summary>
    public int AnnouncePending()
    {
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        var pending = c.Query<Row>(Select + " WHERE announced = 0 ORDER BY agent, version", transaction: tx).Select(r => r.ToVersion()).ToList();
        if (pending.Count == 0) return 0;
        MessageOutbox.Add(c, tx, pending.Select(v => HarnessAnnouncement.Of(v.Agent, v.Version, v.Document, v.CreatedAt)),
            clock.GetUtcNow().ToUnixTimeMilliseconds());
        c.Execute("UPDATE harness_versions SET announced = 1 WHERE announced = 0", transaction: tx);
        tx.Commit();
        db.Outbox.Signal.Notify();
        return pending.Count;
    }

    public IReadOnlyList<string> Agents()
    {
        using var c = db.Database.Open();
        return c.Query<string>("SELECT DISTINCT agent FROM harness_versions ORDER BY agent").ToList();
    }

    private const string Select = "SELECT agent, version, parent_version, author, reason, document_json, content_hash, created_at, validated_model, validated_simulated FROM harness_versions";

    private sealed record Row(string agent, long version, long? parent_version, string author, string reason, string document_json, string content_hash, string created_at,
        string? validated_model, long? validated_simulated)
    {
        public HarnessVersion ToVersion() => new(agent, (int)version, (int?)parent_version, author, reason,
            JsonSerializer.Deserialize<HarnessDocument>(document_json, Json)!, content_hash,
            DateTimeOffset.Parse(created_at, System.Globalization.CultureInfo.InvariantCulture))
        {
            ValidatedWith = validated_model is null ? null : new ValidatedWith(validated_model, validated_simulated == 1),
        };
    }
}
