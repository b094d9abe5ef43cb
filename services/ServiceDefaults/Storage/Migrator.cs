using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BetterHarness.ServiceDefaults.Storage;

/// <summary>
/// Applies a service's numbered migrations (<c>001_name.sql</c>, embedded resources) once each, in order,
/// recording them in <c>schema_migrations</c>. An assembly holding the stores of two databases names the folder
/// (<c>Optimization.Storage</c> → resources under <c>…Optimization.Storage.Migrations.</c>) so each file gets its own.
/// </summary>
public static class Migrator
{
    public static void Apply(SqliteDatabase database, Assembly assembly, string? folder = null)
    {
        using var connection = database.Open();
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
        var applied = connection.Query<string>("SELECT name FROM schema_migrations").ToHashSet();
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith(".sql", StringComparison.Ordinal) && n.Contains(".Migrations.", StringComparison.Ordinal))
            .Where(n => folder is null || n.Contains($".{folder}.Migrations.", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal);
        foreach (var resource in scripts)
        {
            var name = resource[(resource.IndexOf(".Migrations.", StringComparison.Ordinal) + 12)..];
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

    /// <summary>Opens, migrates and returns the database file <paramref name="fileName"/> under the data dir.</summary>
    public static SqliteDatabase OpenMigrated(string dataDir, string fileName, Assembly assembly, string? folder = null)
    {
        var database = new SqliteDatabase(System.IO.Path.Combine(dataDir, fileName));
        Apply(database, assembly, folder);
        return database;
    }
}
