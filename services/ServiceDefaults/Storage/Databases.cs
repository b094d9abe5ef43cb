using System.Reflection;
using BetterHarness.ServiceDefaults.Hosting;
using Microsoft.Extensions.Options;

namespace BetterHarness.ServiceDefaults.Storage;

/// <summary>
/// Opens a service's store on the engine its configuration names, migrated: the SQLite file <c>STORE.db</c> under the
/// data dir, or the PostgreSQL schema <c>PREFIX + STORE</c>. A store's name is the same on both engines (the file's
/// base name is the schema's), so each store owns exactly one file or one schema.
/// </summary>
public sealed class Databases(StorageOptions storage, string dataDir)
{
    public Databases(IOptions<StorageOptions> storage, IOptions<HostingOptions> hosting) : this(storage.Value, hosting.Value.DataDir) { }

    public StorageOptions Options => storage;

    /// <summary>Where the SQLite files go (a store that must prepare its file before migrating opens it itself).</summary>
    public string DataDir => dataDir;

    /// <param name="service">The service the store belongs to (its settings apply).</param>
    /// <param name="store">The store's name: its SQLite file is <c>STORE.db</c>, its PostgreSQL schema <c>PREFIX + STORE</c>.</param>
    /// <param name="assembly">Where its migrations are embedded.</param>
    /// <param name="folder">The migrations' folder when the assembly holds several stores' (see <see cref="Migrator"/>).</param>
    public Database Open(string service, string store, Assembly assembly, string? folder = null)
    {
        var database = OpenUnmigrated(service, store);
        Migrator.Apply(database, assembly, folder);
        return database;
    }

    /// <summary>The store before its migrations run: for a store whose migrations need another table created first (then <see cref="Migrator.Apply"/>).</summary>
    public Database OpenUnmigrated(string service, string store)
    {
        var (engine, connectionString) = storage.For(service);
        return engine == StorageEngine.Postgres
            ? new PostgresDatabase(connectionString!, storage.SchemaPrefix + store)
            : new SqliteDatabase(Path.Combine(dataDir, store + ".db"));
    }

    /// <summary>The SQLite defaults for <paramref name="dataDir"/> (tools and tests that name no engine).</summary>
    public static Databases Sqlite(string dataDir) => new(new StorageOptions(), dataDir);
}
