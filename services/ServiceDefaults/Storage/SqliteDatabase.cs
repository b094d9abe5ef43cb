using Microsoft.Data.Sqlite;

namespace BetterHarness.ServiceDefaults.Storage;

/// <summary>
/// One SQLite file of a service. WAL with synchronous=NORMAL: a committed transaction survives a process
/// crash (the durability the services promise: acknowledged = committed); a power loss may lose the
/// last commits, which a PostgreSQL deployment covers. A 64 MiB page cache per connection keeps the
/// randomly ordered id indexes in memory while ingesting.
/// </summary>
public sealed class SqliteDatabase : Database
{
    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public override StorageEngine Engine => StorageEngine.Sqlite;

    public override string Location => Path;

    public override SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
