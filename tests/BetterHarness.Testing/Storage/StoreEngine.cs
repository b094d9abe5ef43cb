using BetterHarness.ServiceDefaults.Storage;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace BetterHarness.Testing.Storage;

/// <summary>
/// The engine a store test class runs on, as an xUnit class fixture: a test class written once is run on SQLite and on
/// PostgreSQL by two sealed subclasses (<c>…OnSqlite : …Tests, IClassFixture&lt;SqliteEngine&gt;</c>, and the same
/// with <see cref="PostgresEngine"/>). Each test takes fresh, empty stores from it.
/// </summary>
public abstract class StoreEngine : IAsyncLifetime
{
    public abstract StorageEngine Engine { get; }

    /// <summary>Configuration for a host with fresh, empty stores (data dir and <c>BetterHarness:Storage:*</c>).</summary>
    public abstract Dictionary<string, string?> NewStorage();

    /// <summary>Fresh, empty stores for a test that opens them itself (or those of <paramref name="storage"/>, to open one store twice).</summary>
    public Databases NewDatabases(Dictionary<string, string?>? storage = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(storage ?? NewStorage()).Build();
        var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        return new Databases(options, configuration["BetterHarness:DataDir"]!);
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    public override string ToString() => Engine.ToString();

    protected static string NewDataDir() => Path.Combine(Path.GetTempPath(), "bh-store-test-" + Guid.NewGuid().ToString("N"));
}

/// <summary>Stores in SQLite files under a fresh temporary data dir per test.</summary>
public sealed class SqliteEngine : StoreEngine
{
    public override StorageEngine Engine => StorageEngine.Sqlite;

    public override Dictionary<string, string?> NewStorage() => new() { ["BetterHarness:DataDir"] = NewDataDir() };
}
