using Npgsql;

namespace BetterHarness.ServiceDefaults.Storage;

/// <summary>
/// A service's store as one schema of a PostgreSQL database: every connection's <c>search_path</c> is that schema
/// only, so the store's SQL names its tables unqualified (as on SQLite) and cannot reach another service's tables.
/// The schema is created on first use.
/// </summary>
public sealed class PostgresDatabase : Database, IDisposable
{
    private readonly NpgsqlDataSource _source;

    /// <param name="connectionString">An Npgsql connection string (any <c>Search Path</c> in it is replaced).</param>
    /// <param name="schema">The schema: lower-case letters, digits and '_' (checked, since it is an identifier).</param>
    public PostgresDatabase(string connectionString, string schema)
    {
        if (!StorageOptions.IsSchemaName(schema))
            throw new ArgumentException($"'{schema}' is not a usable schema name (lower-case letters, digits, '_', at most 63).", nameof(schema));
        Schema = schema;
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema };
        Location = $"{builder.Host}:{builder.Port}/{builder.Database}, schema {schema}";
        _source = NpgsqlDataSource.Create(builder);
        CreateSchema();
    }

    public string Schema { get; }

    public override StorageEngine Engine => StorageEngine.Postgres;

    public override string Location { get; }

    public override NpgsqlConnection Open() => _source.OpenConnection();

    public void Dispose() => _source.Dispose();

    private void CreateSchema()
    {
        try
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            // An identifier cannot be a parameter; Schema was checked against IsSchemaName above.
            command.CommandText = $"CREATE SCHEMA IF NOT EXISTS \"{Schema}\"";
            command.ExecuteNonQuery();
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateSchema)
        {
            // Another replica created it at the same moment.
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL at {Location} could not be reached or used: {ex.Message}. " +
                "Check BetterHarness:Storage:ConnectionString (or the service's own one) and that the server runs.", ex);
        }
    }
}
