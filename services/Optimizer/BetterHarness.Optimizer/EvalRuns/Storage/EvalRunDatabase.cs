using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Storage;

namespace BetterHarness.Optimizer.EvalRuns.Storage;

/// <summary>
/// Eval runs' store (<c>evalruns</c>: <c>evalruns.db</c> under the data dir, or schema <c>evalruns</c> on PostgreSQL),
/// migrated on first use, with its outbox: a run's <c>RunEvalSuite</c>, progress and <c>EvalRunFinished</c> are written
/// in the transaction that stores the state they report, so a run started while the broker is down is answered at once
/// and starts when the broker is back.
/// </summary>
public sealed class EvalRunDatabase(Database database)
{
    public const string Store = "evalruns";

    public Database Database { get; } = database;

    public MessageOutbox Outbox { get; } = new("optimizer-evalruns", database);

    /// <summary>The store on the engine <paramref name="databases"/> names for the optimizer service.</summary>
    public static EvalRunDatabase Open(Databases databases) =>
        new(databases.Open(OptimizerModule.ServiceName, Store, typeof(EvalRunDatabase).Assembly, "EvalRuns.Storage"));

    /// <summary>The SQLite file under <paramref name="dataDir"/> (tools and tests that name no engine).</summary>
    public static EvalRunDatabase Open(string dataDir) => Open(Databases.Sqlite(dataDir));
}
