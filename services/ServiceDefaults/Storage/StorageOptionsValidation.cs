using Microsoft.Extensions.Options;
using Npgsql;

namespace BetterHarness.ServiceDefaults.Storage;

/// <summary>Checks the storage settings at start-up and says which key is wrong and what it may be.</summary>
public sealed class StorageOptionsValidation : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var errors = new List<string>();
        if (StorageOptions.TryParseProvider(options.Provider) is null)
            errors.Add($"{StorageOptions.Section}:Provider must be 'sqlite' or 'postgres' (was '{options.Provider}').");
        if (options.SchemaPrefix.Length > 0 && !StorageOptions.IsSchemaName(options.SchemaPrefix))
            errors.Add($"{StorageOptions.Section}:SchemaPrefix must be lower-case letters, digits and '_' (was '{options.SchemaPrefix}').");
        if (errors.Count == 0) CheckConnection(errors, "", StorageOptions.TryParseProvider(options.Provider), options.ConnectionString, options.ConnectionString);
        foreach (var (service, own) in options.Services)
        {
            var key = $"{StorageOptions.Section}:Services:{service}";
            var engine = own.Provider is { Length: > 0 } ? StorageOptions.TryParseProvider(own.Provider) : StorageOptions.TryParseProvider(options.Provider);
            if (engine is null) errors.Add($"{key}:Provider must be 'sqlite' or 'postgres' (was '{own.Provider}').");
            else CheckConnection(errors, $":Services:{service}", engine, own.ConnectionString, own.ConnectionString ?? options.ConnectionString);
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckConnection(List<string> errors, string scope, StorageEngine? engine, string? own, string? effective)
    {
        if (engine != StorageEngine.Postgres) return;
        if (string.IsNullOrWhiteSpace(effective))
        {
            errors.Add($"{StorageOptions.Section}{scope}:Provider is postgres but no connection string is set: set " +
                       $"{StorageOptions.Section}:ConnectionString (e.g. Host=127.0.0.1;Database=betterharness;Username=bh;Password=…).");
            return;
        }
        if (own is null && scope.Length > 0) return; // the shared one is checked once
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(effective);
            if (string.IsNullOrEmpty(builder.Host)) errors.Add($"{StorageOptions.Section}{scope}:ConnectionString names no Host.");
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{StorageOptions.Section}{scope}:ConnectionString is not a valid PostgreSQL connection string: {ex.Message}");
        }
    }
}
