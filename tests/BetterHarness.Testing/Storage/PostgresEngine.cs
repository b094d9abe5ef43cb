using BetterHarness.ServiceDefaults.Storage;
using Npgsql;

namespace BetterHarness.Testing.Storage;

/// <summary>
/// Stores on PostgreSQL (<see cref="PostgresServer"/>): a fresh database per test class, dropped after it; each test
/// gets its own schemas in it through a schema prefix of its own, so tests of a class never see each other's rows.
/// </summary>
public sealed class PostgresEngine : StoreEngine
{
    private NpgsqlConnectionStringBuilder? _server;
    private int _tests;

    public override StorageEngine Engine => StorageEngine.Postgres;

    /// <summary>The class's database.</summary>
    public string ConnectionString { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        _server = await PostgresServer.ConnectionAsync();
        var database = $"{_server.Database}_{Guid.NewGuid():N}";
        if (database.Length > 63) database = database[..63];
        await AdminAsync($"CREATE DATABASE \"{database}\"");
        ConnectionString = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = database }.ConnectionString;
    }

    public override Dictionary<string, string?> NewStorage() => new()
    {
        ["BetterHarness:DataDir"] = NewDataDir(),
        ["BetterHarness:Storage:Provider"] = "postgres",
        ["BetterHarness:Storage:ConnectionString"] = ConnectionString,
        ["BetterHarness:Storage:SchemaPrefix"] = $"t{Interlocked.Increment(ref _tests)}_",
    };

    public override async Task DisposeAsync()
    {
        if (ConnectionString.Length == 0) return;
        await AdminAsync($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(ConnectionString).Database}\" WITH (FORCE)");
    }

    /// <summary>Runs a statement on the server's maintenance database (CREATE/DROP DATABASE cannot run in the test database).</summary>
    private async Task AdminAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(_server!.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
