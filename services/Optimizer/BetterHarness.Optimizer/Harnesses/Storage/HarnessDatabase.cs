using BetterHarness.ServiceDefaults.Storage;

namespace BetterHarness.Optimizer.Harnesses.Storage;

/// <summary>Harness versions' SQLite file (<c>harnesses.db</c> under the data dir), migrated on first use.</summary>
public sealed class HarnessDatabase(SqliteDatabase database)
{
    public SqliteDatabase Database { get; } = database;

    public static HarnessDatabase Open(string dataDir) =>
        new(Migrator.OpenMigrated(dataDir, "harnesses.db", typeof(HarnessDatabase).Assembly, "Harnesses.Storage"));
}
