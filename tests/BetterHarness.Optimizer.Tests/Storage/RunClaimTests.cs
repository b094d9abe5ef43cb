using BetterHarness.Optimizer.Claims;
using BetterHarness.Optimizer.EvalRuns.Storage;
using BetterHarness.Optimizer.Optimization.Storage;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.ServiceDefaults.Storage;
using BetterHarness.Testing.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BetterHarness.Optimizer.Tests.Storage;

/// <summary>Claims on eval runs and optimisations: one replica at a time on PostgreSQL, taken over once the lease lapsed.</summary>
public abstract class RunClaimTests(StoreEngine engine)
{
    private const long Lease = 30_000;
    private readonly Databases _databases = engine.NewDatabases();

    private IEnumerable<(IRunClaims Claims, string Id)> Runs()
    {
        var evalRuns = EvalRunDatabase.Open(_databases);
        yield return (new EvalRunClaims(evalRuns), new EvalRunStore(evalRuns, TimeProvider.System)
            .Create("airline", 1, null, new CaseFilter(), "simulated", true, 1).Id);
        var optimizations = OptimizationDatabase.Open(_databases);
        yield return (new OptimizationClaims(optimizations), new OptimizationRuns(optimizations, TimeProvider.System)
            .Create("airline", new OptimizationParameters(null, 1, 1, "simulated"), new Actor("ada", Role.Admin, "user"), "start").Id);
    }

    [Fact]
    public void A_run_is_held_by_one_replica_until_its_lease_lapses_then_another_takes_it_over()
    {
        foreach (var (claims, id) in Runs())
        {
            Assert.Equal([id], claims.Claimable(1_000));
            Assert.True(claims.TryClaim(id, "a", 1_000, 1_000 + Lease));
            Assert.Empty(claims.Claimable(2_000));
            Assert.True(claims.TryClaim(id, "a", 2_000, 2_000 + Lease)); // the holder again: a redelivered command
            Assert.True(claims.Renew(id, "a", 10_000 + Lease));
            if (engine.Engine == StorageEngine.Postgres)
            {
                Assert.False(claims.TryClaim(id, "b", 20_000, 20_000 + Lease));
                Assert.Empty(claims.Claimable(20_000));
            }
            // a died: its lease lapses, b takes the run over, and a (if it wakes up) can neither renew nor release it
            Assert.Equal([id], claims.Claimable(10_001 + Lease));
            Assert.True(claims.TryClaim(id, "b", 10_001 + Lease, 10_001 + 2 * Lease));
            Assert.False(claims.Renew(id, "a", 50_000 + Lease));
            claims.Release(id, "a");
            Assert.Empty(claims.Claimable(20_000 + Lease));
            claims.Release(id, "b");
            Assert.Equal([id], claims.Claimable(20_000 + Lease));
        }
    }

    [Fact]
    public void A_finished_run_is_never_claimed()
    {
        var db = EvalRunDatabase.Open(_databases);
        var runs = new EvalRunStore(db, TimeProvider.System);
        var run = runs.Create("airline", 1, null, new CaseFilter(), "simulated", true, 1);
        runs.SetStatus(run.Id, EvalRunStatus.Failed, "no cases");
        var claims = new EvalRunClaims(db);
        Assert.False(claims.TryClaim(run.Id, "a", 1_000, 1_000 + Lease));
        Assert.Empty(claims.Claimable(1_000));
    }

    [Fact]
    public async Task The_claimer_renews_while_working_and_cancels_the_work_when_another_replica_took_the_run()
    {
        var (claims, id) = Runs().First();
        var claimer = Claimer(TimeSpan.FromSeconds(1.2));
        var renewedPastTheFirstLease = false;
        var done = await claimer.RunAsync(claims, id, async token =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2), token);
            // Still held after longer than one lease: the heartbeat renewed it, so nobody else may take it.
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            renewedPastTheFirstLease = engine.Engine == StorageEngine.Sqlite || !claims.TryClaim(id, "intruder", now, now + Lease);
        }, CancellationToken.None);
        Assert.Equal(ClaimOutcome.Done, done);
        Assert.True(renewedPastTheFirstLease);
        Assert.Equal([id], claims.Claimable(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())); // released

        var other = Claimer(TimeSpan.FromSeconds(1.2));
        var cancelled = false;
        var lost = await other.RunAsync(claims, id, async token =>
        {
            // Another replica takes the run over (as after a lapse): the next renewal fails and the work is cancelled.
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            using (var c = _databases.Open(OptimizerModule.ServiceName, EvalRunDatabase.Store, typeof(EvalRunDatabase).Assembly, "EvalRuns.Storage").Open())
                Dapper.SqlMapper.Execute(c, "UPDATE eval_runs SET claimed_by = 'thief', claimed_until_ms = @until WHERE id = @id", new { id, until = now + Lease });
            try { await Task.Delay(TimeSpan.FromSeconds(10), token); }
            catch (OperationCanceledException) { cancelled = true; throw; }
        }, CancellationToken.None);
        Assert.Equal(ClaimOutcome.Lost, lost);
        Assert.True(cancelled);
        Assert.Equal(ClaimOutcome.HeldElsewhere, engine.Engine == StorageEngine.Postgres
            ? await other.RunAsync(claims, id, _ => Task.CompletedTask, CancellationToken.None)
            : ClaimOutcome.HeldElsewhere);
    }

    private static RunClaimer Claimer(TimeSpan lease) => new(new ReplicaIdentity(), Options.Create(new RunClaimOptions { Lease = lease }),
        TimeProvider.System, NullLogger<RunClaimer>.Instance);
}

public sealed class RunClaimsOnSqlite(SqliteEngine engine) : RunClaimTests(engine), IClassFixture<SqliteEngine>;

public sealed class RunClaimsOnPostgres(PostgresEngine engine) : RunClaimTests(engine), IClassFixture<PostgresEngine>;
