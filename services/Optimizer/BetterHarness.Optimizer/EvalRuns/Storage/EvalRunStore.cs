using System.Globalization;
using System.Text.Json;
using BetterHarness.Contracts;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.Agents;
using BetterHarness.Optimizer.Domain.EvalRuns;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using Dapper;

namespace BetterHarness.Optimizer.EvalRuns.Storage;

/// <summary>
/// Eval runs, their frozen cases and their (case, trial) results. Results are upserted on (run, case, trial) with
/// <c>DO NOTHING</c>: a redelivered command or a resumed run can never count a pair twice.
/// </summary>
public sealed class EvalRunStore(EvalRunDatabase db, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Stores a queued run and, in the same transaction, the <see cref="RunEvalSuite"/> that starts it (the outbox sends it).</summary>
    public EvalRunRecord Create(string agent, int version, string? snapshotId, CaseFilter filter, string model, bool simulated, int trials)
    {
        var id = "run_" + Guid.NewGuid().ToString("N")[..20];
        var now = clock.GetUtcNow();
        using (var c = db.Database.Open())
        using (var tx = c.BeginTransaction())
        {
            c.Execute("""
                INSERT INTO eval_runs (id, agent, harness_version, snapshot_id, filter_json, model, simulated, trials, status, created_at)
                VALUES (@id, @agent, @version, @snapshotId, @filter, @model, @simulated, @trials, 'queued', @now)
                """, new { id, agent, version, snapshotId, filter = JsonSerializer.Serialize(filter, Json), model, simulated = simulated ? 1 : 0, trials, now = now.ToString("O") }, tx);
            MessageOutbox.Add(c, tx, [new RunEvalSuite { RunId = id, RequestedAt = now }], now.ToUnixTimeMilliseconds());
            tx.Commit();
        }
        db.Outbox.Signal.Notify();
        return new EvalRunRecord(id, agent, version, snapshotId, filter, model, simulated, trials, EvalRunStatus.Queued, null, 0, now, null, null);
    }

    /// <summary>
    /// Puts a progress fact in the outbox (a local write: never waits for the broker, so it never holds up the trials).
    /// </summary>
    public void Progressed(EvalRunProgressed progress)
    {
        using (var c = db.Database.Open())
        using (var tx = c.BeginTransaction())
        {
            MessageOutbox.Add(c, tx, [progress], clock.GetUtcNow().ToUnixTimeMilliseconds());
            tx.Commit();
        }
        db.Outbox.Signal.Notify();
    }

    /// <summary>
    /// Messages of this store that wait for the broker: how many, and since when (null when none waits longer than
    /// <paramref name="grace"/> — the dispatcher sends within a second while the broker is reachable).
    /// </summary>
    public (long Count, DateTimeOffset Since)? WaitingForBroker(TimeSpan grace) => db.Outbox.Waiting(clock.GetUtcNow(), grace);

    public EvalRunRecord? Get(string id)
    {
        using var c = db.Database.Open();
        return c.QueryFirstOrDefault<RunRow>(SelectRun + " WHERE id = @id", new { id })?.ToRecord();
    }

    public IReadOnlyList<EvalRunRecord> List(string? agent, int limit)
    {
        using var c = db.Database.Open();
        return c.Query<RunRow>(SelectRun + " WHERE (@agent IS NULL OR agent = @agent) ORDER BY created_at DESC LIMIT @limit", new { agent, limit })
            .Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Runs that were queued or running when the process stopped: the worker resumes them at start.</summary>
    public IReadOnlyList<string> Unfinished()
    {
        using var c = db.Database.Open();
        return c.Query<string>("SELECT id FROM eval_runs WHERE status IN ('queued', 'running') ORDER BY created_at").ToList();
    }

    /// <summary>Freezes the run's cases (once: a resumed run keeps the first set).</summary>
    public void SaveCases(string runId, IReadOnlyList<EvalCase> cases)
    {
        using var c = db.Database.Open();
        using var tx = c.BeginTransaction();
        if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM eval_run_cases WHERE run_id = @runId", new { runId }, tx) > 0) return;
        c.Execute("""
            INSERT INTO eval_run_cases (run_id, position, case_id, split, category, cluster_id, must_pass, case_json)
            VALUES (@runId, @position, @caseId, @split, @category, @clusterId, @mustPass, @json)
            ON CONFLICT (run_id, case_id) DO NOTHING
            """, cases.Select((e, i) => new
        {
            runId, position = i, caseId = e.Id, split = e.Split, category = e.CategoryOrFirstTag, clusterId = e.Provenance?.ClusterId,
            mustPass = e.MustPass == true ? 1 : 0, json = EvalCaseJson.Serialize(e),
        }), tx);
        c.Execute("UPDATE eval_runs SET case_count = @n WHERE id = @runId", new { n = cases.Count, runId }, tx);
        tx.Commit();
    }

    public IReadOnlyList<EvalCase> Cases(string runId)
    {
        using var c = db.Database.Open();
        return c.Query<string>("SELECT case_json FROM eval_run_cases WHERE run_id = @runId ORDER BY position", new { runId })
            .Select(EvalCaseJson.Deserialize).ToList();
    }

    public IReadOnlyList<RunCase> CaseInfo(string runId)
    {
        using var c = db.Database.Open();
        return c.Query<(string CaseId, string? Split, string Category, string? ClusterId, long MustPass)>(
                "SELECT case_id, split, category, cluster_id, must_pass FROM eval_run_cases WHERE run_id = @runId ORDER BY position", new { runId })
            .Select(r => new RunCase(r.CaseId, r.Split, r.Category, r.ClusterId, r.MustPass != 0)).ToList();
    }

    /// <param name="finished">The fact that reports the new status (<see cref="EvalRunFinished"/>), stored in the same transaction.</param>
    public void SetStatus(string runId, string status, string? error = null, EvalRunFinished? finished = null)
    {
        var now = clock.GetUtcNow();
        using (var c = db.Database.Open())
        using (var tx = c.BeginTransaction())
        {
            // Only an unfinished run moves: a run finishes once, and its fact is stored once, however many replicas
            // (one whose claim lapsed while it still worked) report the end.
            var moved = c.Execute("""
                UPDATE eval_runs SET status = @status, error = @error,
                    started_at = CASE WHEN @status = 'running' THEN COALESCE(started_at, @now) ELSE started_at END,
                    finished_at = CASE WHEN @status IN ('completed', 'failed') THEN @now ELSE NULL END
                WHERE id = @runId AND status IN ('queued', 'running')
                """, new { runId, status, error, now = now.ToString("O") }, tx) == 1;
            if (!moved) finished = null;
            if (finished is not null) MessageOutbox.Add(c, tx, [finished], now.ToUnixTimeMilliseconds());
            tx.Commit();
        }
        if (finished is not null) db.Outbox.Signal.Notify();
    }

    /// <returns>False when this (case, trial) was already stored (nothing is counted twice).</returns>
    public bool SaveTrial(string runId, TrialResult result)
    {
        using var c = db.Database.Open();
        return c.Execute("""
            INSERT INTO eval_run_trials (run_id, case_id, trial, passed, graders_json, transcript_json, input_tokens, output_tokens, duration_ms, model_ms, finished_at)
            VALUES (@runId, @caseId, @trial, @passed, @graders, @transcript, @input, @output, @duration, @model, @now)
            ON CONFLICT (run_id, case_id, trial) DO NOTHING
            """, new
        {
            runId, caseId = result.CaseId, trial = result.Trial, passed = result.Passed ? 1 : 0,
            graders = JsonSerializer.Serialize(result.Graders.Select(GraderJson.From), Json),
            transcript = JsonSerializer.Serialize(result.Transcript, Json),
            input = result.Transcript.InputTokens, output = result.Transcript.OutputTokens,
            duration = result.Transcript.DurationMs, model = result.Transcript.ModelMs, now = clock.GetUtcNow().ToString("O"),
        }) == 1;
    }

    public IReadOnlyList<StoredTrial> Trials(string runId)
    {
        using var c = db.Database.Open();
        return c.Query<(string CaseId, long Trial, long Passed, string Graders, long Input, long Output, double Duration, double Model)>("""
                SELECT case_id, trial, passed, graders_json, input_tokens, output_tokens, duration_ms, model_ms
                FROM eval_run_trials WHERE run_id = @runId
                """, new { runId })
            .Select(r => new StoredTrial(r.CaseId, (int)r.Trial, r.Passed != 0, r.Graders, r.Input, r.Output, r.Duration, r.Model)).ToList();
    }

    /// <summary>Finished results as the runner takes them to resume (transcripts included).</summary>
    public IReadOnlyList<TrialResult> CompletedResults(string runId)
    {
        using var c = db.Database.Open();
        return c.Query<(string CaseId, long Trial, long Passed, string Graders, string Transcript)>(
                "SELECT case_id, trial, passed, graders_json, transcript_json FROM eval_run_trials WHERE run_id = @runId", new { runId })
            .Select(r => new TrialResult(r.CaseId, (int)r.Trial, r.Passed != 0,
                JsonSerializer.Deserialize<List<GraderJson>>(r.Graders, Json)!.Select(g => g.ToResult()).ToList(),
                JsonSerializer.Deserialize<Transcript>(r.Transcript, Json)!)).ToList();
    }

    public Transcript? Transcript(string runId, string caseId, int trial)
    {
        using var c = db.Database.Open();
        var json = c.QueryFirstOrDefault<string>("SELECT transcript_json FROM eval_run_trials WHERE run_id = @runId AND case_id = @caseId AND trial = @trial",
            new { runId, caseId, trial });
        return json is null ? null : JsonSerializer.Deserialize<Transcript>(json, Json);
    }

    private const string SelectRun = """
        SELECT id, agent, harness_version, snapshot_id, filter_json, model, simulated, trials, status, error, case_count, created_at, started_at, finished_at
        FROM eval_runs
        """;

    private sealed record RunRow(string id, string agent, long harness_version, string? snapshot_id, string filter_json, string model, long simulated,
        long trials, string status, string? error, long case_count, string created_at, string? started_at, string? finished_at)
    {
        public EvalRunRecord ToRecord() => new(id, agent, (int)harness_version, snapshot_id, JsonSerializer.Deserialize<CaseFilter>(filter_json, Json)!,
            model, simulated != 0, (int)trials, status, error, (int)case_count, Time(created_at)!.Value, Time(started_at), Time(finished_at));

        private static DateTimeOffset? Time(string? s) => s is null ? null : DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);
    }
}
