using BetterHarness.ServiceDefaults.Storage;

namespace BetterHarness.Optimizer.Optimization.Storage;

/// <summary>Optimisation runs' SQLite file (<c>optimizations.db</c> under the data dir), migrated on first use.</summary>
public sealed class OptimizationDatabase(SqliteDatabase database)
{
    public SqliteDatabase Database { get; } = database;

    public static OptimizationDatabase Open(string dataDir) =>
        new(Migrator.OpenMigrated(dataDir, "optimizations.db", typeof(OptimizationDatabase).Assembly, "Optimization.Storage"));
}
