using System.Data.Common;

namespace BetterHarness.ServiceDefaults.Storage;

/// <summary>The engine behind a service's store (<c>BetterHarness:Storage:Provider</c>).</summary>
public enum StorageEngine
{
    /// <summary>A SQLite file under the data dir: embedded mode, the first run, and tests that name no engine.</summary>
    Sqlite,

    /// <summary>A schema of a PostgreSQL database: several replicas can share it.</summary>
    Postgres,
}

/// <summary>
/// One service store: where its tables live (a SQLite file or a PostgreSQL schema). Stores open connections through it
/// and run the same Dapper SQL on either engine; the few statements that differ pick theirs with <see cref="Sql"/>.
/// </summary>
public abstract class Database
{
    public abstract StorageEngine Engine { get; }

    /// <summary>Where the tables are, for logs and errors (a file path, or host/database/schema).</summary>
    public abstract string Location { get; }

    /// <summary>An open connection (pooled); dispose it when done.</summary>
    public abstract DbConnection Open();

    /// <summary>The statement for this engine: the SQL that differs is written out once per engine, never assembled.</summary>
    public string Sql(string sqlite, string postgres) => Engine == StorageEngine.Postgres ? postgres : sqlite;

    public override string ToString() => $"{Engine}: {Location}";
}
