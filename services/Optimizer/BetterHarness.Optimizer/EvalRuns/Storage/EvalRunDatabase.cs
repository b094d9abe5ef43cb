using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Storage;

namespace BetterHarness.Optimizer.EvalRuns.Storage;

/// <summary>
/// Eval runs' SQLite file (<c>evalruns.db</c> under the data dir), migrated on first use, with its outbox: a run's
/// <c>RunEvalSuite</c>, progress and <c>EvalRunFinished</c> are written in the transaction that stores the state they report,
/// so a run started while the broker is down is answered at once and starts when the broker is back.
/// </summary>
public sealed class EvalRunDatabase(SqliteDatabase database)
{
    public SqliteDatabase Database { get; } = database;

    public MessageOutbox Outbox { get; } = new("optimizer-evalruns", database);

    public static EvalRunDatabase Open(string dataDir) =>
        new(Migrator.OpenMigrated(dataDir, "evalruns.db", typeof(EvalRunDatabase).Assembly, "EvalRuns.Storage"));
}
