using BetterHarness.ServiceDefaults.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BetterHarness.Ingest.Storage;

/// <summary>
/// The ingest service's store, migrated on first use: <c>ingest.db</c> under the data dir, or the schema <c>ingest</c>
/// on PostgreSQL (<c>BetterHarness:Storage</c>, docs/storage.md), which several replicas share.
/// </summary>
public sealed class IngestDatabase(Database database)
{
    public const string Service = "ingest";
    public const string Store = "ingest";

    public Database Database { get; } = database;

    public StorageEngine Engine => Database.Engine;

    /// <summary>The statement for this engine (<see cref="ServiceDefaults.Storage.Database.Sql"/>).</summary>
    public string Sql(string sqlite, string postgres) => Database.Sql(sqlite, postgres);

    /// <summary>The store on the engine the storage settings name for ingest.</summary>
    public static IngestDatabase Open(Databases databases) =>
        databases.Options.For(Service).Engine == StorageEngine.Postgres
            ? new IngestDatabase(databases.Open(Service, Store, typeof(IngestDatabase).Assembly))
            : Open(databases.DataDir);

    /// <summary>The SQLite store under <paramref name="dataDir"/>.</summary>
    public static IngestDatabase Open(string dataDir)
    {
        var database = new SqliteDatabase(Path.Combine(dataDir, Store + ".db"));
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
