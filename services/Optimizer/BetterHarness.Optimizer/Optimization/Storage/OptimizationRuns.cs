using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using BetterHarness.Contracts;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Security;
using Dapper;

namespace BetterHarness.Optimizer.Optimization.Storage;

/// <summary>Optimisation runs: create, read, move through their statuses, and review decisions with their audit entries.</summary>
public sealed class OptimizationRuns(OptimizationDatabase db, TimeProvider clock)
{
    private const string Columns = """
        id, agent, status, created_at, started_at, finished_at, requested_by, request_json, base_version, harness_version,
        report_json, progress, error, decided_by, decided_at, decision_reason, requested_principal
        """;

    /// <summary>
    /// Stores a queued run, its audit entry and the <see cref="RunOptimization"/> that starts it in one transaction; the outbox
    /// sends the command, so the caller never waits for the broker and a run is never stored without it.
    /// </summary>
    public OptimizationRun Create(string agent, OptimizationParameters parameters, Actor actor, string auditDetail)
    {
        var id = "opt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var at = clock.GetUtcNow();
        using (var connection = db.Database.Open())
        using (var tx = connection.BeginTransaction())
        {
            connection.Execute("""
                INSERT INTO optimizations (id, agent, status, created_at, requested_by, request_json, requested_principal)
                VALUES (@id, @agent, @status, @at, @requestedBy, @request, @principal)
                """, new { id, agent, status = OptimizationStatus.Queued, at = at.ToString("O"), requestedBy = actor.Name,
                    request = JsonSerializer.Serialize(parameters), principal = actor.Principal }, tx);
            AuditLog.Append(connection, tx, actor, "optimization.start", id, auditDetail, at);
            MessageOutbox.Add(connection, tx, [new RunOptimization { OptimizationId = id, Agent = agent, RequestedBy = actor.Name }], at.ToUnixTimeMilliseconds());
            tx.Commit();
        }
        db.Outbox.Signal.Notify();
        return Get(id)!;
    }

    public OptimizationRun? Get(string id)
    {
        using var connection = db.Database.Open();
        return connection.QuerySingleOrDefault<Row>($"SELECT {Columns} FROM optimizations WHERE id = @id", new { id })?.ToRun();
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<OptimizationRun> List(string? agent, int limit)
    {
        using var connection = db.Database.Open();
        return connection.Query<Row>($"""
            SELECT {Columns} FROM optimizations WHERE (@agent IS NULL OR agent = @agent)
            ORDER BY created_at DESC, id DESC LIMIT @limit
            """, new { agent, limit }).Select(r => r.ToRun()).ToList();
    }

    public IReadOnlyList<string> Unfinished()
    {
        using var connection = db.Database.Open();
        return connection.Query<string>("SELECT id FROM optimizations WHERE status IN (@queued, @running) ORDER BY created_at",
            new { queued = OptimizationStatus.Queued, running = OptimizationStatus.Running }).ToList();
    }

    /// <summary>Marks a queued or running run as running (keeping its first start time); false when it is finished.</summary>
    public bool Start(string id, int? baseVersion)
    {
        using var connection = db.Database.Open();
        return connection.Execute("""
            UPDATE optimizations SET status = @running, started_at = COALESCE(started_at, @at), base_version = COALESCE(base_version, @baseVersion), error = NULL
            WHERE id = @id AND status IN (@queued, @running)
            """, new { id, running = OptimizationStatus.Running, at = Now(), baseVersion, queued = OptimizationStatus.Queued }) == 1;
    }

    /// <param name="step">A step change, stored in the outbox with the line (per-chunk counts only update the line).</param>
    public void Progress(string id, string line, OptimizationProgressed? step = null)
    {
        using (var connection = db.Database.Open())
        using (var tx = connection.BeginTransaction())
        {
            connection.Execute("UPDATE optimizations SET progress = @line WHERE id = @id", new { id, line }, tx);
            if (step is not null) MessageOutbox.Add(connection, tx, [step], clock.GetUtcNow().ToUnixTimeMilliseconds());
            tx.Commit();
        }
        if (step is not null) db.Outbox.Signal.Notify();
    }

    /// <summary>Stores the report (status awaiting review) and the <see cref="OptimizationFinished"/> fact in one transaction.</summary>
    public void Finish(string id, int? harnessVersion, string reportJson, OptimizationFinished finished)
    {
        using (var connection = db.Database.Open())
        using (var tx = connection.BeginTransaction())
        {
            // A run finishes once: of two replicas reporting the end (one whose claim lapsed while it worked), one stores the fact.
            if (connection.Execute("""
                UPDATE optimizations SET status = @status, finished_at = @at, harness_version = @harnessVersion, report_json = @reportJson
                WHERE id = @id AND status = @running
                """, new { id, status = OptimizationStatus.AwaitingReview, at = Now(), harnessVersion, reportJson, running = OptimizationStatus.Running }, tx) == 1)
                MessageOutbox.Add(connection, tx, [finished], clock.GetUtcNow().ToUnixTimeMilliseconds());
            tx.Commit();
        }
        db.Outbox.Signal.Notify();
    }

    /// <summary>Marks the run failed and stores the <see cref="OptimizationFinished"/> fact in one transaction.</summary>
    public void Fail(string id, string error, OptimizationFinished finished)
    {
        using (var connection = db.Database.Open())
        using (var tx = connection.BeginTransaction())
        {
            if (connection.Execute("UPDATE optimizations SET status = @failed, finished_at = @at, error = @error WHERE id = @id AND status IN (@queued, @running)",
                    new { id, failed = OptimizationStatus.Failed, at = Now(), error, queued = OptimizationStatus.Queued, running = OptimizationStatus.Running }, tx) == 1)
                MessageOutbox.Add(connection, tx, [finished], clock.GetUtcNow().ToUnixTimeMilliseconds());
            tx.Commit();
        }
        db.Outbox.Signal.Notify();
    }

    /// <summary>Messages of the optimisation store that wait for the broker longer than <paramref name="grace"/>: how many, since when.</summary>
    public (long Count, DateTimeOffset Since)? WaitingForBroker(TimeSpan grace) => db.Outbox.Waiting(clock.GetUtcNow(), grace);

    /// <summary>
    /// Records a rejection and its audit entry in one transaction; false when the run is not awaiting review (already
    /// decided, or not finished), so a decision is made once. Approval is <see cref="OptimizationDecisions.Approve"/>.
    /// </summary>
    public bool Reject(string id, Actor actor, string reason)
    {
        using var connection = db.Database.Open();
        using var tx = connection.BeginTransaction();
        var at = clock.GetUtcNow();
        if (!OptimizationDecisions.Record(connection, tx, id, OptimizationStatus.Rejected, actor, reason, at)) return false;
        AuditLog.Append(connection, tx, actor, "optimization.reject", id, reason, at);
        tx.Commit();
        return true;
    }

    public IReadOnlyList<AuditEntry> AuditOf(string id)
    {
        using var connection = db.Database.Open();
        return AuditLog.List(connection, null, null, id, null, 100);
    }

    private string Now() => clock.GetUtcNow().ToString("O");

    private sealed record Row(string id, string agent, string status, string created_at, string? started_at, string? finished_at,
        string requested_by, string request_json, long? base_version, long? harness_version, string? report_json, string? progress,
        string? error, string? decided_by, string? decided_at, string? decision_reason, string? requested_principal)
    {
        public OptimizationRun ToRun() => new(id, agent, status, Time(created_at)!.Value, Time(started_at), Time(finished_at), requested_by,
            JsonSerializer.Deserialize<OptimizationParameters>(request_json)!, (int?)base_version, (int?)harness_version, report_json,
            progress, error, decided_by, Time(decided_at), decision_reason, requested_principal ?? requested_by);

        private static DateTimeOffset? Time(string? value) =>
            value is null ? null : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }
}
