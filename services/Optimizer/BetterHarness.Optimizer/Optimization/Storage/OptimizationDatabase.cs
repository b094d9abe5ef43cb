using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Storage;

namespace BetterHarness.Optimizer.Optimization.Storage;

/// <summary>
/// Optimisation runs' store (<c>optimizations</c>: <c>optimizations.db</c> under the data dir, or schema
/// <c>optimizations</c> on PostgreSQL), migrated on first use, with the optimizer's outbox: facts such as
/// <c>HarnessVersionApproved</c> are written in the transaction that decides them.
/// </summary>
public sealed class OptimizationDatabase
{
    public const string Store = "optimizations";

    public OptimizationDatabase(Database database)
    {
        Database = database;
        Outbox = new MessageOutbox("optimizer", database);
    }

    public Database Database { get; }

    public MessageOutbox Outbox { get; }

    /// <summary>The store on the engine <paramref name="databases"/> names for the optimizer service.</summary>
    public static OptimizationDatabase Open(Databases databases) =>
        new(databases.Open(OptimizerModule.ServiceName, Store, typeof(OptimizationDatabase).Assembly, "Optimization.Storage"));

    /// <summary>The SQLite file under <paramref name="dataDir"/> (tools and tests that name no engine).</summary>
    public static OptimizationDatabase Open(string dataDir) => Open(Databases.Sqlite(dataDir));
}
