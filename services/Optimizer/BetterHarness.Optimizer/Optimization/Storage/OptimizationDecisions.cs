using System.Data;
using BetterHarness.Contracts;
using BetterHarness.Optimizer.Harnesses.Storage;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.ServiceDefaults.Storage;
using Dapper;

namespace BetterHarness.Optimizer.Optimization.Storage;

/// <summary>What an approval did: the version now current and the one it replaced.</summary>
public sealed record Approval(string Agent, int Version, int? PreviousVersion);

/// <summary>
/// Approving a run is one transaction: the decision (only a run still awaiting review can be decided, so of an approve
/// and a reject sent together exactly one wins), the harness version made current, the audit entry and the
/// <see cref="HarnessVersionApproved"/> fact in the outbox commit together or not at all. A rejected run's version is
/// therefore never current. The harness store's file is attached to the runs' connection for that transaction (both
/// files belong to this service); SQLite locks both for its duration, so a reject and an approve serialise. On PostgreSQL
/// both stores are schemas of one database, and the conditional update of the run row serialises two deciders.
/// </summary>
public sealed class OptimizationDecisions(OptimizationDatabase runs, HarnessDatabase harnesses, TimeProvider clock)
{
    /// <summary>The approval, or an error saying why not (unknown run, already decided, version missing).</summary>
    public (Approval? Approval, string? Error) Approve(string id, Actor actor)
    {
        using var connection = runs.Database.Open();
        var sql = new Statements(runs.Database);
        if (runs.Database.Engine == StorageEngine.Sqlite)
            connection.Execute("ATTACH DATABASE @path AS harness", new { path = ((SqliteDatabase)harnesses.Database).Path });
        try
        {
            using var tx = connection.BeginTransaction();
            // PostgreSQL: both stores are schemas of the optimizer's database; for this transaction the harness schema
            // follows the runs' on the search path, so its tables resolve by name (outbox and audit log stay the runs').
            if (runs.Database is PostgresDatabase own && harnesses.Database is PostgresDatabase harness)
                connection.Execute("SELECT set_config('search_path', @path, true)", new { path = $"{own.Schema}, {harness.Schema}" }, tx);
            var run = connection.QuerySingleOrDefault<(string Agent, long? Version)>(
                "SELECT agent, harness_version FROM optimizations WHERE id = @id", new { id }, tx);
            if (run.Agent is null) return (null, $"optimisation {id} is unknown");
            if (run.Version is not { } version) return (null, $"optimisation {id} has no harness version to approve");
            if (connection.ExecuteScalar<long>(sql.CountVersion,
                    new { agent = run.Agent, version }, tx) == 0)
                return (null, $"agent '{run.Agent}' has no harness version {version} in the harness store");
            var at = clock.GetUtcNow();
            if (!Record(connection, tx, id, OptimizationStatus.Approved, actor, null, at))
                return (null, $"optimisation {id} was decided meanwhile: only a run awaiting review can be approved");
            var previous = connection.ExecuteScalar<long?>(sql.Current, new { agent = run.Agent }, tx);
            connection.Execute(sql.MakeCurrent, new { agent = run.Agent, version, at = at.ToString("O"), actor = actor.Name }, tx);
            AuditLog.Append(connection, tx, actor, "optimization.approve", id,
                $"agent {run.Agent}: version {version} current (was {previous?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})", at);
            MessageOutbox.Add(connection, tx, [new HarnessVersionApproved
            {
                Agent = run.Agent, Version = (int)version, PreviousVersion = (int?)previous, OptimizationId = id, ApprovedBy = actor.Name, At = at,
            }], at.ToUnixTimeMilliseconds());
            tx.Commit();
            runs.Outbox.Signal.Notify();
            return (new Approval(run.Agent, (int)version, (int?)previous), null);
        }
        finally
        {
            if (runs.Database.Engine == StorageEngine.Sqlite) connection.Execute("DETACH DATABASE harness");
        }
    }

    /// <summary>The harness tables as the runs' connection reaches them: attached as <c>harness</c> (SQLite), on the search path (PostgreSQL).</summary>
    private sealed class Statements(Database db)
    {
        public string CountVersion { get; } = db.Sql(
            sqlite: "SELECT count(*) FROM harness.harness_versions WHERE agent = @agent AND version = @version",
            postgres: "SELECT count(*) FROM harness_versions WHERE agent = @agent AND version = @version");

        public string Current { get; } = db.Sql(
            sqlite: "SELECT version FROM harness.harness_current WHERE agent = @agent",
            postgres: "SELECT version FROM harness_current WHERE agent = @agent");

        public string MakeCurrent { get; } = db.Sql(
            sqlite: """
                INSERT INTO harness.harness_current (agent, version, changed_at, changed_by) VALUES (@agent, @version, @at, @actor)
                ON CONFLICT (agent) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at, changed_by = excluded.changed_by
                """,
            postgres: """
                INSERT INTO harness_current (agent, version, changed_at, changed_by) VALUES (@agent, @version, @at, @actor)
                ON CONFLICT (agent) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at, changed_by = excluded.changed_by
                """);
    }

    /// <summary>Moves a run awaiting review to <paramref name="status"/>; false when it is not awaiting review.</summary>
    internal static bool Record(IDbConnection connection, IDbTransaction tx, string id, string status, Actor actor, string? reason, DateTimeOffset at) =>
        connection.Execute("""
            UPDATE optimizations SET status = @status, decided_by = @actor, decided_at = @at, decision_reason = @reason
            WHERE id = @id AND status = @awaiting
            """, new { id, status, actor = actor.Name, at = at.ToString("O"), reason, awaiting = OptimizationStatus.AwaitingReview }, tx) == 1;
}
