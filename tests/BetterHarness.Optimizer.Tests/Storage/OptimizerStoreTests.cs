using BetterHarness.Contracts;
using BetterHarness.EvalCases.Grading;
using BetterHarness.Optimizer.Domain.Agents;
using BetterHarness.Optimizer.Domain.EvalRuns;
using BetterHarness.Optimizer.EvalRuns.Storage;
using BetterHarness.Optimizer.Harnesses.Storage;
using BetterHarness.Optimizer.Optimization;
using BetterHarness.Optimizer.Optimization.AutoTrigger;
using BetterHarness.Optimizer.Optimization.Storage;
using BetterHarness.Optimizer.Rollouts;
using BetterHarness.Optimizer.Tests.Support;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.ServiceDefaults.Storage;
using BetterHarness.Testing.Storage;
using Dapper;

namespace BetterHarness.Optimizer.Tests.Storage;

/// <summary>The optimizer's stores (harnesses, eval runs, optimisations, rollouts, auto-trigger), the same tests on SQLite and on PostgreSQL.</summary>
public abstract class OptimizerStoreTests(StoreEngine engine)
{
    private static readonly Actor Admin = new("ada", Role.Admin, "user");
    private static readonly Actor Reviewer = new("rex", Role.Admin, "user");
    private readonly Databases _databases = engine.NewDatabases();

    private HarnessStore Harnesses(out HarnessDatabase db)
    {
        db = HarnessDatabase.Open(_databases);
        return new HarnessStore(db, TimeProvider.System);
    }

    [Fact]
    public void Harness_versions_are_numbered_per_agent_an_identical_document_is_not_stored_twice_and_the_first_is_current()
    {
        var store = Harnesses(out var db);
        Assert.Equal(Engine, db.Database.Engine);
        var (v1, created1) = store.Create("airline", AirlineFixture.Harness(), null, "ada", "first");
        var (again, created2) = store.Create("airline", AirlineFixture.Harness(), null, "ada", "retry");
        var (v2, _) = store.Create("airline", AirlineFixture.Harness("Be brief."), 1, "ada", "second");
        store.Create("Retail", AirlineFixture.Harness(), null, "ada", "other agent");

        Assert.True(created1);
        Assert.False(created2);
        Assert.Equal((1, 1, 2), (v1.Version, again.Version, v2.Version));
        Assert.Equal([2, 1], store.List("airline").Select(v => v.Version));
        Assert.Equal(1, store.Current("airline")!.Version.Version);
        Assert.Equal(["Retail", "airline"], store.Agents()); // byte order, as SQLite sorts
        Assert.Throws<ArgumentException>(() => store.Create("airline", AirlineFixture.Harness("x"), 9, "ada", "bad parent"));

        Assert.True(store.MakeCurrent("airline", 2, Admin));
        Assert.False(store.MakeCurrent("airline", 7, Admin));
        Assert.Equal(2, store.Current("airline")!.Version.Version);
        store.RecordValidation("airline", 2, new ValidatedWith("simulated", true));
        store.RecordValidation("airline", 2, new ValidatedWith("gpt", false));
        Assert.Equal(new ValidatedWith("simulated", true), store.Get("airline", 2)!.ValidatedWith);
        Assert.Equal(3, Messages<HarnessVersionCreated>(db.Database)); // one per stored version
        Assert.Equal(1, Messages<HarnessVersionApproved>(db.Database)); // made current by hand: announced with the change
        Assert.Equal(["harness.current"], AuditActions(db.Database, "airline"));
    }

    [Fact]
    public async Task Replicas_creating_versions_of_one_agent_at_once_number_them_without_a_gap_or_a_clash()
    {
        var store = Harnesses(out _);
        var second = new HarnessStore(HarnessDatabase.Open(_databases), TimeProvider.System);
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            (i % 2 == 0 ? store : second).Create("airline", AirlineFixture.Harness($"variant {i}"), null, "ada", "race"))));
        Assert.Equal(Enumerable.Range(1, 12).Reverse(), store.List("airline").Select(v => v.Version));
    }

    [Fact]
    public void An_eval_run_stores_its_cases_and_trials_once_and_finishes_once()
    {
        var db = EvalRunDatabase.Open(_databases);
        var runs = new EvalRunStore(db, TimeProvider.System);
        var run = runs.Create("airline", 1, null, new CaseFilter(Split: "optimization"), "simulated", simulated: true, trials: 2);
        runs.SaveCases(run.Id, AirlineFixture.InsuranceTransfers);
        runs.SaveCases(run.Id, AirlineFixture.NoRepeatQuestions); // a resumed run keeps the first set
        Assert.Equal(AirlineFixture.InsuranceTransfers.Select(c => c.Id), runs.CaseInfo(run.Id).Select(c => c.CaseId));
        runs.SetStatus(run.Id, EvalRunStatus.Running);

        Assert.True(runs.SaveTrial(run.Id, Trial("t1", 0, passed: true)));
        Assert.False(runs.SaveTrial(run.Id, Trial("t1", 0, passed: false)));
        Assert.True(runs.SaveTrial(run.Id, Trial("t2", 1, passed: false)));
        var trials = runs.Trials(run.Id).OrderBy(t => t.CaseId).ToList();
        Assert.Equal([("t1", true), ("t2", false)], trials.Select(t => (t.CaseId, t.Passed)));
        Assert.Equal(42, trials[0].InputTokens);
        Assert.Equal("passed", runs.CompletedResults(run.Id).Single(t => t.CaseId == "t1").Graders.Single().Status switch
        {
            GraderStatus.Passed => "passed", _ => "other",
        });
        Assert.Equal("hello", runs.Transcript(run.Id, "t2", 1)!.Messages[0].Text);

        runs.SetStatus(run.Id, EvalRunStatus.Completed, null, Finished(run.Id));
        runs.SetStatus(run.Id, EvalRunStatus.Completed, null, Finished(run.Id)); // a second replica reporting the end
        runs.SetStatus(run.Id, EvalRunStatus.Running);
        var stored = runs.Get(run.Id)!;
        Assert.Equal((EvalRunStatus.Completed, true, 4), (stored.Status, stored.Simulated, stored.CaseCount));
        Assert.NotNull(stored.FinishedAt);
        Assert.Equal(1, Messages<EvalRunFinished>(db.Database));
        Assert.Empty(runs.Unfinished());
        Assert.Equal([run.Id], runs.List("airline", 10).Select(r => r.Id));
        Assert.Equal([run.Id], runs.List(null, 10).Select(r => r.Id));
        Assert.Empty(runs.List("retail", 10));
    }

    [Fact]
    public void Approving_an_optimisation_makes_its_version_current_records_and_announces_it_in_one_transaction_once()
    {
        var harnesses = Harnesses(out var harnessDb);
        harnesses.Create("airline", AirlineFixture.Harness(), null, "ada", "first");
        harnesses.Create("airline", AirlineFixture.Harness("Transfer insurance claims."), 1, "optimizer", "proposed");
        var db = OptimizationDatabase.Open(_databases);
        var runs = new OptimizationRuns(db, TimeProvider.System);
        var decisions = new OptimizationDecisions(db, harnessDb, TimeProvider.System);
        var run = runs.Create("airline", new OptimizationParameters(null, 3, 2, "simulated"), Admin, "start");
        Assert.Equal([run.Id], runs.Unfinished());
        Assert.True(runs.Start(run.Id, 1));
        runs.Progress(run.Id, "iteration 1");
        Assert.Equal("iteration 1", runs.Get(run.Id)!.Progress);

        Assert.NotNull(decisions.Approve(run.Id, Reviewer).Error); // not finished yet
        runs.Finish(run.Id, 2, "{}", OptFinished(run.Id, OptimizationStatus.AwaitingReview));
        runs.Finish(run.Id, 2, "{}", OptFinished(run.Id, OptimizationStatus.AwaitingReview));
        Assert.Equal(1, Messages<OptimizationFinished>(db.Database));
        var (approval, error) = decisions.Approve(run.Id, Reviewer);
        Assert.Null(error);
        Assert.Equal(new Approval("airline", 2, 1), approval);
        Assert.Equal(2, harnesses.Current("airline")!.Version.Version);
        Assert.Contains("meanwhile", decisions.Approve(run.Id, Reviewer).Error);
        Assert.False(runs.Reject(run.Id, Reviewer, "too late"));
        Assert.Equal(1, Messages<HarnessVersionApproved>(db.Database));
        Assert.Equal(["optimization.approve", "optimization.start"], runs.AuditOf(run.Id).Select(a => a.Action));
        Assert.Equal(OptimizationStatus.Approved, runs.Get(run.Id)!.Status);
        Assert.Equal("ada", runs.Get(run.Id)!.RequestedPrincipal);
    }

    [Fact]
    public void A_rejected_optimisation_leaves_the_current_version_and_a_failed_one_reports_once()
    {
        var harnesses = Harnesses(out var harnessDb);
        harnesses.Create("airline", AirlineFixture.Harness(), null, "ada", "first");
        var db = OptimizationDatabase.Open(_databases);
        var runs = new OptimizationRuns(db, TimeProvider.System);
        var run = runs.Create("airline", new OptimizationParameters(null, 3, 2, "simulated"), Admin, "start");
        runs.Start(run.Id, 1);
        runs.Finish(run.Id, 1, "{}", OptFinished(run.Id, OptimizationStatus.AwaitingReview));
        Assert.True(runs.Reject(run.Id, Reviewer, "no gain"));
        Assert.NotNull(new OptimizationDecisions(db, harnessDb, TimeProvider.System).Approve(run.Id, Reviewer).Error);
        Assert.Equal(1, harnesses.Current("airline")!.Version.Version);

        var failing = runs.Create("airline", new OptimizationParameters(null, 3, 2, "simulated"), Admin, "start");
        var fact = OptFinished(failing.Id, OptimizationStatus.Failed);
        runs.Fail(failing.Id, "boom", fact);
        runs.Fail(failing.Id, "boom again", fact);
        Assert.Equal(("boom", 2), (runs.Get(failing.Id)!.Error, Messages<OptimizationFinished>(db.Database)));
        Assert.Equal([failing.Id, run.Id], runs.List("airline", 10).Select(r => r.Id));
    }

    [Fact]
    public async Task The_journal_keeps_the_first_proposal_and_transcripts_the_last_write()
    {
        var db = OptimizationDatabase.Open(_databases);
        var journal = new SqliteOptimizationJournal(db, "opt_1");
        await journal.SaveProposalAsync(1, new BetterHarness.Optimizer.Domain.Optimization.Proposals.Proposal([], 17), default);
        await journal.SaveProposalAsync(1, new BetterHarness.Optimizer.Domain.Optimization.Proposals.Proposal([], 99), default);
        Assert.Equal(17, (await journal.LoadProposalAsync(1, default))!.Tokens); // a proposal is decided once
        Assert.Null(await journal.LoadProposalAsync(2, default));
        Assert.Empty(await journal.LoadIterationsAsync(default));
        Assert.Empty(await journal.LoadCaseResultsAsync("optimization:abc", default));

        var transcripts = new BetterHarness.Optimizer.Optimization.Running.StoredTranscripts(db, "opt_1");
        var ids = transcripts.StoreMany([("t1", 0, "abc", "{\"a\":1}"), ("t1", 1, "abc", "{\"a\":2}")]);
        transcripts.StoreMany([("t1", 0, "abc", "{\"a\":3}")]);
        Assert.Equal("{\"a\":3}", BetterHarness.Optimizer.Optimization.Running.StoredTranscripts.Load(db, ids[0]));
    }

    [Fact]
    public void A_canary_is_one_per_agent_and_promoting_it_makes_its_version_current()
    {
        var harnesses = Harnesses(out var db);
        harnesses.Create("airline", AirlineFixture.Harness(), null, "ada", "first");
        harnesses.Create("airline", AirlineFixture.Harness("Be brief."), 1, "ada", "second");
        var rollouts = new RolloutStore(db, TimeProvider.System);
        var (rollout, error) = rollouts.Start("airline", 2, 0.25, Admin);
        Assert.Equal(RolloutStore.StartError.None, error);
        Assert.Equal(RolloutStore.StartError.Running, rollouts.Start("airline", 2, 0.5, Admin).Error);
        Assert.Equal(0.25, rollouts.RunningFor("airline")!.Share);
        Assert.True(rollouts.End(rollout!.Id, Rollout.Promoted, Admin, "looks good"));
        Assert.False(rollouts.End(rollout.Id, Rollout.RolledBack, Admin, "again"));
        Assert.Equal(2, harnesses.Current("airline")!.Version.Version);
        Assert.Empty(rollouts.Running());
        Assert.Equal(["rollout.promote", "rollout.start"], rollouts.History(rollout.Id).Select(a => a.Action));
    }

    [Fact]
    public void The_auto_trigger_counts_each_accepted_case_once()
    {
        var db = OptimizationDatabase.Open(_databases);
        var store = new AutoTriggerStore(db);
        Assert.Equal(1, store.Record("airline", "c1", "snap", DateTimeOffset.UtcNow));
        Assert.Equal(1, store.Record("airline", "c1", "snap", DateTimeOffset.UtcNow));
        Assert.Equal(2, store.Record("airline", "c2", "snap", DateTimeOffset.UtcNow));
        Assert.False(store.HasActiveRun("airline"));
        store.Consume("airline", "opt_x");
        Assert.Equal(1, store.Record("airline", "c3", "snap", DateTimeOffset.UtcNow));
    }

    private StorageEngine Engine => engine.Engine;

    private static TrialResult Trial(string caseId, int trial, bool passed) => new(caseId, trial, passed,
        [new GraderResult("tool_called", passed ? GraderStatus.Passed : GraderStatus.Failed, "detail")],
        new Transcript { Messages = [new TranscriptMessage("assistant", "hello")], InputTokens = 42, OutputTokens = 7 });

    private static EvalRunFinished Finished(string runId) => new()
    {
        RunId = runId, Agent = "airline", HarnessVersion = 1, Status = EvalRunStatus.Completed, PassRate = 0.5, Simulated = true, At = DateTimeOffset.UtcNow,
    };

    private static OptimizationFinished OptFinished(string id, string status) => new()
    {
        OptimizationId = id, Agent = "airline", Status = status, Simulated = true, At = DateTimeOffset.UtcNow,
    };

    private static List<string> AuditActions(Database db, string subject)
    {
        using var c = db.Open();
        return c.Query<string>("SELECT action FROM audit_log WHERE subject = @subject ORDER BY id", new { subject }).ToList();
    }

    private static long Messages<T>(Database db)
    {
        using var c = db.Open();
        return c.ExecuteScalar<long>("SELECT count(*) FROM outbox_messages WHERE message_type = @type", new { type = typeof(T).FullName });
    }
}

public sealed class OptimizerStoresOnSqlite(SqliteEngine engine) : OptimizerStoreTests(engine), IClassFixture<SqliteEngine>;

public sealed class OptimizerStoresOnPostgres(PostgresEngine engine) : OptimizerStoreTests(engine), IClassFixture<PostgresEngine>;
