using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Storage;

namespace BetterHarness.Optimizer.Optimization.Storage;

/// <summary>
/// Optimisation runs' SQLite file (<c>optimizations.db</c> under the data dir), migrated on first use, with the
/// optimizer's outbox: facts such as <c>HarnessVersionApproved</c> are written in the transaction that decides them.
/// </summary>
public sealed class OptimizationDatabase
{
    public OptimizationDatabase(SqliteDatabase database)
    {
        Database = database;
        Outbox = new MessageOutbox("optimizer", database);
    }

    public SqliteDatabase Database { get; }

    public MessageOutbox Outbox { get; }

    public static OptimizationDatabase Open(string dataDir) =>
        new(Migrator.OpenMigrated(dataDir, "optimizations.db", typeof(OptimizationDatabase).Assembly, "Optimization.Storage"));
}
