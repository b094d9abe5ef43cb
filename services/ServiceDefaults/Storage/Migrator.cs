using System.Reflection;
using Dapper;

namespace BetterHarness.ServiceDefaults.Storage;

/// <summary>
/// Applies a service's numbered migrations (<c>001_name.sql</c>, embedded resources) once each, in order,
/// recording them in <c>schema_migrations</c>. SQLite runs <c>Migrations/*.sql</c>; PostgreSQL runs
/// <c>Migrations/postgres/*.sql</c>, the same schema in its types (identity columns, bytea, bigint), so each engine's
/// history stays its own. An assembly holding the stores of two databases names the folder
/// (<c>Optimization.Storage</c> → resources under <c>…Optimization.Storage.Migrations.</c>) so each file gets its own.
/// On PostgreSQL an advisory lock keeps two replicas starting together from applying a script twice.
/// </summary>
public static class Migrator
{
    private const string PostgresFolder = "postgres.";

    public static void Apply(Database database, Assembly assembly, string? folder = null)
    {
        using var connection = database.Open();
        var postgres = database.Engine == StorageEngine.Postgres;
        if (postgres) connection.Execute("SELECT pg_advisory_lock(hashtext(current_schema()))");
        try
        {
            connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
            var applied = connection.Query<string>("SELECT name FROM schema_migrations").ToHashSet();
            foreach (var (resource, name) in Scripts(assembly, folder, postgres))
            {
                if (applied.Contains(name)) continue;
                using var stream = assembly.GetManifestResourceStream(resource)!;
                var sql = new StreamReader(stream).ReadToEnd();
                using var tx = connection.BeginTransaction();
                connection.Execute(sql, transaction: tx);
                connection.Execute("INSERT INTO schema_migrations(name, applied_at) VALUES (@name, @at)",
                    new { name, at = DateTimeOffset.UtcNow.ToString("O") }, tx);
                tx.Commit();
            }
        }
        finally
        {
            if (postgres) connection.Execute("SELECT pg_advisory_unlock(hashtext(current_schema()))");
        }
    }

    /// <summary>This engine's scripts in order, each with the name it is recorded under.</summary>
    private static IEnumerable<(string Resource, string Name)> Scripts(Assembly assembly, string? folder, bool postgres) =>
        assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith(".sql", StringComparison.Ordinal) && n.Contains(".Migrations.", StringComparison.Ordinal))
            .Where(n => folder is null || n.Contains($".{folder}.Migrations.", StringComparison.Ordinal))
            .Select(n => (Resource: n, Name: n[(n.IndexOf(".Migrations.", StringComparison.Ordinal) + 12)..]))
            .Where(s => s.Name.StartsWith(PostgresFolder, StringComparison.Ordinal) == postgres)
            .Select(s => (s.Resource, Name: postgres ? s.Name[PostgresFolder.Length..] : s.Name))
            .OrderBy(s => s.Name, StringComparer.Ordinal);

    /// <summary>Opens, migrates and returns the database file <paramref name="fileName"/> under the data dir.</summary>
    public static SqliteDatabase OpenMigrated(string dataDir, string fileName, Assembly assembly, string? folder = null)
    {
        var database = new SqliteDatabase(System.IO.Path.Combine(dataDir, fileName));
        Apply(database, assembly, folder);
        return database;
    }
}
