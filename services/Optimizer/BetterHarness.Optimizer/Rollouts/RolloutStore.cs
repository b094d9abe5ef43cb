using System.Data;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BetterHarness.Contracts;
using BetterHarness.Optimizer.Harnesses.Storage;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Security;
using Dapper;

namespace BetterHarness.Optimizer.Rollouts;

/// <summary>
/// Canary rollouts in the harness store. Each step — start, promote (the version becomes current), roll back — is one
/// transaction with its audit entry and, when it ends a rollout, the <see cref="HarnessRolloutEnded"/> fact in the outbox.
/// </summary>
public sealed class RolloutStore(HarnessDatabase db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public enum StartError { None, UnknownVersion, NoCurrent, AlreadyCurrent, Running }

    public (Rollout? Rollout, StartError Error) Start(string agent, int version, double share, Actor actor)
    {
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        if (c.ExecuteScalar<long>("SELECT count(*) FROM harness_versions WHERE agent = @agent AND version = @version", new { agent, version }, tx) == 0)
            return (null, StartError.UnknownVersion);
        var current = c.ExecuteScalar<long?>("SELECT version FROM harness_current WHERE agent = @agent", new { agent }, tx);
        if (current is null) return (null, StartError.NoCurrent);
        if (current == version) return (null, StartError.AlreadyCurrent);
        if (c.ExecuteScalar<long>("SELECT count(*) FROM harness_rollouts WHERE agent = @agent AND state = @canary", new { agent, canary = Rollout.Canary }, tx) > 0)
            return (null, StartError.Running);
        var now = clock.GetUtcNow();
        var id = "ro_" + Guid.NewGuid().ToString("N")[..16];
        c.Execute("""
            INSERT INTO harness_rollouts (id, agent, version, baseline_version, share, state, started_at, started_by)
            VALUES (@id, @agent, @version, @current, @share, @canary, @now, @by)
            """, new { id, agent, version, current, share, canary = Rollout.Canary, now = now.ToString("O"), by = actor.Name }, tx);
        AuditLog.Append(c, tx, actor, "rollout.start", id,
            $"agent {agent}: version {version} to {share:P1} of units, version {current} serves the rest", now);
        tx.Commit();
        return (Get(id), StartError.None);
    }

    /// <summary>Ends a canary: promoted (its version made current) or rolled back. False when it is not running.</summary>
    public bool End(string id, string state, Actor actor, string reason)
    {
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        var rollout = Find(c, tx, id);
        if (rollout is not { State: Rollout.Canary }) return false;
        var now = clock.GetUtcNow();
        c.Execute("""
            UPDATE harness_rollouts SET state = @state, decided_at = @now, decided_by = @by, reason = @reason WHERE id = @id AND state = @canary
            """, new { id, state, now = now.ToString("O"), by = actor.Name, reason, canary = Rollout.Canary }, tx);
        if (state == Rollout.Promoted)
            c.Execute("""
                INSERT INTO harness_current (agent, version, changed_at, changed_by) VALUES (@agent, @version, @now, @by)
                ON CONFLICT (agent) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at, changed_by = excluded.changed_by
                """, new { agent = rollout.Agent, version = rollout.Version, now = now.ToString("O"), by = actor.Name }, tx);
        AuditLog.Append(c, tx, actor, state == Rollout.Promoted ? "rollout.promote" : "rollout.rollback", id,
            $"agent {rollout.Agent}, version {rollout.Version}: {reason}", now);
        MessageOutbox.Add(c, tx, [new HarnessRolloutEnded
        {
            RolloutId = id, Agent = rollout.Agent, Version = rollout.Version, BaselineVersion = rollout.BaselineVersion, State = state,
            Reason = reason, DecidedBy = actor.Name, At = now,
        }], now.ToUnixTimeMilliseconds());
        tx.Commit();
        db.Outbox.Signal.Notify();
        return true;
    }

    public void RecordCheck(string id, RolloutCheck check)
    {
        using var c = db.Database.Open();
        c.Execute("UPDATE harness_rollouts SET checked_at = @at, check_json = @json WHERE id = @id",
            new { id, at = clock.GetUtcNow().ToString("O"), json = JsonSerializer.Serialize(check, Json) });
    }

    public Rollout? Get(string id)
    {
        using var c = db.Database.Open();
        return Find(c, null, id);
    }

    /// <summary>The agent's rollouts, newest first.</summary>
    public IReadOnlyList<Rollout> List(string agent)
    {
        using var c = db.Database.Open();
        return c.Query<Row>(Select + " WHERE agent = @agent ORDER BY started_at DESC", new { agent }).Select(r => r.ToRollout()).ToList();
    }

    public IReadOnlyList<Rollout> Running()
    {
        using var c = db.Database.Open();
        return c.Query<Row>(Select + " WHERE state = @canary", new { canary = Rollout.Canary }).Select(r => r.ToRollout()).ToList();
    }

    public Rollout? RunningFor(string agent)
    {
        using var c = db.Database.Open();
        return c.QuerySingleOrDefault<Row>(Select + " WHERE agent = @agent AND state = @canary", new { agent, canary = Rollout.Canary })?.ToRollout();
    }

    public IReadOnlyList<AuditEntry> History(string id)
    {
        using var c = db.Database.Open();
        return AuditLog.List(c, null, null, id, null, 100);
    }

    /// <summary>
    /// Whether <paramref name="unit"/> gets the canary: the first 8 bytes of SHA-256(rollout id, unit) as a fraction of
    /// 2^64, below the share. Sticky for the rollout's life; a new rollout reshuffles units.
    /// </summary>
    public static bool InCanary(Rollout rollout, string unit)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(rollout.Id + "\n" + unit));
        return BitConverter.ToUInt64(hash, 0) / 18446744073709551616.0 < rollout.Share;
    }

    private static Rollout? Find(IDbConnection c, IDbTransaction? tx, string id) =>
        c.QuerySingleOrDefault<Row>(Select + " WHERE id = @id", new { id }, tx)?.ToRollout();

    private const string Select = "SELECT id, agent, version, baseline_version, share, state, started_at, started_by, decided_at, decided_by, reason, checked_at, check_json FROM harness_rollouts";

    private sealed record Row(string id, string agent, long version, long baseline_version, double share, string state, string started_at,
        string started_by, string? decided_at, string? decided_by, string? reason, string? checked_at, string? check_json)
    {
        public Rollout ToRollout() => new(id, agent, (int)version, (int)baseline_version, share, state, Parse(started_at)!.Value, started_by,
            Parse(decided_at), decided_by, reason, Parse(checked_at),
            check_json is null ? null : JsonSerializer.Deserialize<RolloutCheck>(check_json, Json));

        private static DateTimeOffset? Parse(string? at) =>
            at is null ? null : DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
    }
}
