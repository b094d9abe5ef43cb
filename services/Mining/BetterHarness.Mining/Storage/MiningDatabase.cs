using BetterHarness.ServiceDefaults.Storage;

namespace BetterHarness.Mining.Storage;

/// <summary>The mining service's SQLite file (<c>mining.db</c> under the data dir), migrated on first use.</summary>
public sealed class MiningDatabase(SqliteDatabase database)
{
    public SqliteDatabase Database { get; } = database;

    public static MiningDatabase Open(string dataDir) =>
        new(Migrator.OpenMigrated(dataDir, "mining.db", typeof(MiningDatabase).Assembly));
}
