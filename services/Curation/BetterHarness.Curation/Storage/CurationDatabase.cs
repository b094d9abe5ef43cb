using BetterHarness.ServiceDefaults.Storage;

namespace BetterHarness.Curation.Storage;

/// <summary>The curation service's SQLite file (<c>curation.db</c> under the data dir), migrated on first use.</summary>
public sealed class CurationDatabase(SqliteDatabase database)
{
    public SqliteDatabase Database { get; } = database;

    public static CurationDatabase Open(string dataDir) =>
        new(Migrator.OpenMigrated(dataDir, "curation.db", typeof(CurationDatabase).Assembly));
}
