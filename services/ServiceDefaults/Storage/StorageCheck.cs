using BetterHarness.ServiceDefaults.Hosting;

namespace BetterHarness.ServiceDefaults.Storage;

/// <summary>Which hosted services the storage settings put on PostgreSQL that cannot be, decided before anything starts.</summary>
public static class StorageCheck
{
    /// <summary>
    /// Throws when a service without PostgreSQL stores is named postgres by its own setting; returns the services that
    /// stay on SQLite although postgres is the shared default (the host logs them).
    /// </summary>
    public static IReadOnlyList<string> SqliteOnly(StorageOptions storage, IEnumerable<ServiceModule> modules)
    {
        var kept = new List<string>();
        foreach (var module in modules.Where(m => !m.StoresOnPostgres))
        {
            if (storage.NamesPostgresFor(module.Name))
                throw new InvalidOperationException(
                    $"{StorageOptions.Section}:Services:{module.Name}:Provider is postgres, but the {module.Name} service keeps its stores in SQLite only " +
                    "so far (docs/storage.md lists the services that run on PostgreSQL). Remove that setting.");
            if (StorageOptions.TryParseProvider(storage.Provider) == StorageEngine.Postgres) kept.Add(module.Name);
        }
        return kept;
    }
}
