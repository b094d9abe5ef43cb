using BetterHarness.ServiceDefaults.Storage;

namespace BetterHarness.Ingest.Storage;

/// <summary>The ingest service's SQLite file (<c>ingest.db</c> under the data dir), migrated on first use.</summary>
public sealed class IngestDatabase(SqliteDatabase database)
{
    public SqliteDatabase Database { get; } = database;

    public static IngestDatabase Open(string dataDir) =>
        new(Migrator.OpenMigrated(dataDir, "ingest.db", typeof(IngestDatabase).Assembly));
}
