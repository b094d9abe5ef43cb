using System.Text.Json;
using BetterHarness.Mining.Domain.Adaptation;
using BetterHarness.Mining.Storage;
using BetterHarness.ServiceDefaults.Security;
using Dapper;

namespace BetterHarness.Mining.Detectors;

/// <summary>One stored training pass (version ≥ 1) of an agent's adapted detector.</summary>
public sealed record DetectorVersion(string Agent, int Version, DateTimeOffset CreatedAt, int Labels, int Positives, AdaptedModel Model,
    MetricsWithIntervals Adapted, MetricsWithIntervals Shipped, bool Better, string Reason);

/// <summary>Which version scores an agent's turns (0 = shipped), who pinned it (null = the training job decides).</summary>
public sealed record DetectorState(string Agent, int ActiveVersion, string? PinnedBy, int TrainedLabels, DateTimeOffset UpdatedAt);

/// <summary>Versions and the active choice per agent; a version that beats the shipped model becomes active unless an admin pinned one.</summary>
public sealed class DetectorVersions(MiningDatabase db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Stores a pass; returns the new version and whether the active version changed.</summary>
    public (int Version, bool Changed) Add(string agent, AdaptationOutcome outcome, int labels, int positives, DateTimeOffset at)
    {
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        var state = Read(c, tx, agent);
        var version = c.ExecuteScalar<int>("SELECT COALESCE(MAX(version), 0) + 1 FROM detector_versions WHERE agent = @agent", new { agent }, tx);
        c.Execute("""
            INSERT INTO detector_versions (agent, version, created_at, labels, positives, model_json, adapted_json, shipped_json, better, reason)
            VALUES (@agent, @version, @at, @labels, @positives, @model, @adapted, @shipped, @better, @Reason)
            """, new
        {
            agent, version, at = at.ToString("O"), labels, positives, model = JsonSerializer.Serialize(outcome.Model, Json),
            adapted = JsonSerializer.Serialize(outcome.Adapted, Json), shipped = JsonSerializer.Serialize(outcome.Shipped, Json),
            better = outcome.Better ? 1 : 0, outcome.Reason,
        }, tx);
        // The latest evidence decides: a pass that does not beat the shipped model on today's labels sends the agent back to it.
        var active = state?.PinnedBy is not null ? state.ActiveVersion : outcome.Better ? version : 0;
        Upsert(c, tx, agent, active, state?.PinnedBy, labels, at);
        tx.Commit();
        return (version, active != (state?.ActiveVersion ?? 0));
    }

    /// <summary>Records that the agent's labels were looked at without training (too few), so the job does not ask again.</summary>
    public void Looked(string agent, int labels, DateTimeOffset at)
    {
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        var state = Read(c, tx, agent);
        Upsert(c, tx, agent, state?.ActiveVersion ?? 0, state?.PinnedBy, labels, at);
        tx.Commit();
    }

    /// <summary>An admin fixes the version (0 = shipped) — a roll-back when it is older; null unpins (the next pass decides again).
    /// Returns whether the active version changed.</summary>
    public bool Pin(string agent, int? version, Actor actor, DateTimeOffset at)
    {
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        var state = Read(c, tx, agent);
        if (version is > 0 && c.ExecuteScalar<long>("SELECT COUNT(*) FROM detector_versions WHERE agent = @agent AND version = @version",
                new { agent, version }, tx) == 0)
            throw new KeyNotFoundException($"agent {agent} has no detector version {version}");
        var active = version ?? LatestBetter(c, tx, agent);
        Upsert(c, tx, agent, active, version is null ? null : actor.Name, state?.TrainedLabels ?? 0, at);
        AuditLog.Append(c, tx, actor, version is null ? "detector.unpin" : "detector.pin", agent,
            version is null ? $"unpinned; version {active} active" : $"pinned version {version}", at);
        tx.Commit();
        return active != (state?.ActiveVersion ?? 0);
    }

    public DetectorState? State(string agent)
    {
        using var c = db.Database.Open();
        return Read(c, null, agent);
    }

    public IReadOnlyList<DetectorVersion> List(string agent)
    {
        using var c = db.Database.Open();
        return c.Query<(string Agent, long Version, string At, long Labels, long Positives, string Model, string Adapted, string Shipped, long Better, string Reason)>("""
                SELECT agent, version, created_at, labels, positives, model_json, adapted_json, shipped_json, better, reason
                FROM detector_versions WHERE agent = @agent ORDER BY version DESC
                """, new { agent })
            .Select(r => new DetectorVersion(r.Agent, (int)r.Version, DateTimeOffset.Parse(r.At, System.Globalization.CultureInfo.InvariantCulture),
                (int)r.Labels, (int)r.Positives, JsonSerializer.Deserialize<AdaptedModel>(r.Model, Json)!,
                JsonSerializer.Deserialize<MetricsWithIntervals>(r.Adapted, Json)!, JsonSerializer.Deserialize<MetricsWithIntervals>(r.Shipped, Json)!,
                r.Better == 1, r.Reason)).ToList();
    }

    /// <summary>The model of one version, or null.</summary>
    public AdaptedModel? Model(string agent, int version)
    {
        using var c = db.Database.Open();
        var json = c.QueryFirstOrDefault<string?>("SELECT model_json FROM detector_versions WHERE agent = @agent AND version = @version", new { agent, version });
        return json is null ? null : JsonSerializer.Deserialize<AdaptedModel>(json, Json);
    }

    private static int LatestBetter(Microsoft.Data.Sqlite.SqliteConnection c, Microsoft.Data.Sqlite.SqliteTransaction tx, string agent) =>
        c.ExecuteScalar<int?>("SELECT MAX(version) FROM detector_versions WHERE agent = @agent AND better = 1 AND version = (SELECT MAX(version) FROM detector_versions WHERE agent = @agent)",
            new { agent }, tx) ?? 0;

    private static DetectorState? Read(Microsoft.Data.Sqlite.SqliteConnection c, Microsoft.Data.Sqlite.SqliteTransaction? tx, string agent)
    {
        var row = c.QueryFirstOrDefault<(string Agent, long Active, string? PinnedBy, long Trained, string At)?>(
            "SELECT agent, active_version, pinned_by, trained_labels, updated_at FROM detector_state WHERE agent = @agent", new { agent }, tx);
        return row is { } r ? new DetectorState(r.Agent, (int)r.Active, r.PinnedBy, (int)r.Trained, DateTimeOffset.Parse(r.At, System.Globalization.CultureInfo.InvariantCulture)) : null;
    }

    private static void Upsert(Microsoft.Data.Sqlite.SqliteConnection c, Microsoft.Data.Sqlite.SqliteTransaction tx, string agent, int active, string? pinnedBy, int labels, DateTimeOffset at) =>
        c.Execute("""
            INSERT INTO detector_state (agent, active_version, pinned_by, trained_labels, updated_at) VALUES (@agent, @active, @pinnedBy, @labels, @at)
            ON CONFLICT (agent) DO UPDATE SET active_version = excluded.active_version, pinned_by = excluded.pinned_by,
                trained_labels = excluded.trained_labels, updated_at = excluded.updated_at
            """, new { agent, active, pinnedBy, labels, at = at.ToString("O") }, tx);
}
