using BetterHarness.ServiceDefaults.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BetterHarness.Ingest.Storage;

/// <summary>The ingest service's SQLite file (<c>ingest.db</c> under the data dir), migrated on first use.</summary>
public sealed class IngestDatabase(SqliteDatabase database)
{
    public SqliteDatabase Database { get; } = database;

    public static IngestDatabase Open(string dataDir)
    {
        var database = new SqliteDatabase(Path.Combine(dataDir, "ingest.db"));
        // Retention gives freed pages back with incremental vacuum, which SQLite allows only on a file created so: the
        // pragma takes effect on a new, empty file and is ignored on an existing one (docs/storage.md: converting one).
        // It must come before WAL mode is set (SqliteDatabase.Open), which writes the file's first page.
        using (var c = new SqliteConnection(database.ConnectionString))
        {
            c.Open();
            c.Execute("PRAGMA auto_vacuum = INCREMENTAL");
        }
        Migrator.Apply(database, typeof(IngestDatabase).Assembly);
        return new IngestDatabase(database);
    }
}
