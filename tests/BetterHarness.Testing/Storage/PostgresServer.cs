using Npgsql;
using Testcontainers.PostgreSql;

namespace BetterHarness.Testing.Storage;

/// <summary>
/// The PostgreSQL server the store tests use: the one named by <c>BH_TEST_POSTGRES</c> (an Npgsql connection string or
/// a <c>postgres://user:password@host:port/db</c> URL; tests/run.sh starts one on loopback and sets it), otherwise a
/// Testcontainers server when a Docker engine runs. Neither → the tests fail saying so; they never skip. The database
/// the variable names (default <c>bh_test</c>) is only the prefix of the databases the tests create.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "BH_TEST_POSTGRES";
    private static readonly Lazy<Task<NpgsqlConnectionStringBuilder>> Server = new(StartAsync);

    /// <summary>The server's connection string (its Database is the prefix for test databases).</summary>
    public static Task<NpgsqlConnectionStringBuilder> ConnectionAsync() => Server.Value;

    private static async Task<NpgsqlConnectionStringBuilder> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured)) return Parse(configured);
        try
        {
            // Lives as long as the test process; Testcontainers' reaper removes it afterwards.
            var container = new PostgreSqlBuilder("postgres:15-alpine").Build();
            await container.StartAsync();
            return new NpgsqlConnectionStringBuilder(container.GetConnectionString()) { Database = "bh_test" };
        }
        catch (Exception ex) when (ex.GetType().Name.Contains("DockerUnavailable"))
        {
            throw new InvalidOperationException(
                $"No PostgreSQL for the store tests: set {Variable}=\"Host=127.0.0.1;Username=postgres;Password=postgres\" " +
                "(bash tests/run.sh starts a server and does this) or run a Docker engine.", ex);
        }
    }

    /// <summary>An Npgsql connection string, or a postgres:// URL turned into one.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string value)
    {
        if (!value.StartsWith("postgres://", StringComparison.Ordinal) && !value.StartsWith("postgresql://", StringComparison.Ordinal))
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrEmpty(builder.Database)) builder.Database = "bh_test";
            return builder;
        }
        var uri = new Uri(value);
        var credentials = uri.UserInfo.Split(':', 2);
        return new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Username = Uri.UnescapeDataString(credentials[0]),
            Password = credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : null,
            Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } db ? db : "bh_test",
        };
    }
}
