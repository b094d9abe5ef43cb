using System.Text.RegularExpressions;

namespace BetterHarness.ServiceDefaults.Storage;

/// <summary>
/// Where the services keep their stores. Section <c>BetterHarness:Storage</c>; environment variables use
/// <c>BetterHarness__Storage__Provider</c> etc. Each service can override the engine and the connection string under
/// <c>Services:NAME</c> (NAME as in <c>bh run NAME</c>).
/// </summary>
public sealed partial class StorageOptions
{
    public const string Section = "BetterHarness:Storage";

    /// <summary><c>sqlite</c> (default: one file per store under the data dir) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>
    /// The PostgreSQL connection string (Npgsql form, e.g. <c>Host=db;Database=bh;Username=bh;Password=…</c>) shared by
    /// the services on postgres; each store gets its own schema in it. Required when Provider is postgres and a
    /// service has no connection string of its own. Default: none.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Prefix of every schema name (<c>staging_</c> → <c>staging_clustering</c>), so two deployments can share one
    /// database. Lower-case letters, digits and '_'. Default: none.
    /// </summary>
    public string SchemaPrefix { get; set; } = "";

    /// <summary>Per-service overrides of <see cref="Provider"/> and <see cref="ConnectionString"/>, by service name.</summary>
    public Dictionary<string, ServiceStorageOptions> Services { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The engine <paramref name="service"/> uses, and the connection string when that is PostgreSQL.</summary>
    public (StorageEngine Engine, string? ConnectionString) For(string service)
    {
        var own = Services.GetValueOrDefault(service);
        var provider = own?.Provider is { Length: > 0 } p ? p : Provider;
        return ParseProvider(provider) == StorageEngine.Postgres
            ? (StorageEngine.Postgres, own?.ConnectionString is { Length: > 0 } c ? c : ConnectionString)
            : (StorageEngine.Sqlite, null);
    }

    /// <summary>Whether <paramref name="service"/> was put on PostgreSQL by its own setting (not the shared default).</summary>
    public bool NamesPostgresFor(string service) =>
        Services.GetValueOrDefault(service)?.Provider is { Length: > 0 } p && TryParseProvider(p) == StorageEngine.Postgres;

    public static StorageEngine? TryParseProvider(string? value) => value?.ToLowerInvariant() switch
    {
        "sqlite" => StorageEngine.Sqlite,
        "postgres" or "postgresql" => StorageEngine.Postgres,
        _ => null,
    };

    private static StorageEngine ParseProvider(string value) =>
        TryParseProvider(value) ?? throw new InvalidOperationException($"Storage provider '{value}' is neither sqlite nor postgres.");

    public static bool IsSchemaName(string value) => SchemaName().IsMatch(value);

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}

/// <summary>One service's storage settings (<c>BetterHarness:Storage:Services:NAME</c>); unset values fall back to the shared ones.</summary>
public sealed class ServiceStorageOptions
{
    /// <summary><c>sqlite</c> or <c>postgres</c>. Default: <see cref="StorageOptions.Provider"/>.</summary>
    public string? Provider { get; set; }

    /// <summary>This service's own PostgreSQL connection string. Default: <see cref="StorageOptions.ConnectionString"/>.</summary>
    public string? ConnectionString { get; set; }
}
