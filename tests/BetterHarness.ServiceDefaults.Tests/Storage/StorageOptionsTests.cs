using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.ServiceDefaults.Storage;
using MassTransit;
using Microsoft.AspNetCore.Builder;

namespace BetterHarness.ServiceDefaults.Tests.Storage;

/// <summary>The storage settings are checked before anything starts, and each error names the key to fix.</summary>
public sealed class StorageOptionsTests
{
    private static string[] Errors(StorageOptions options) =>
        new StorageOptionsValidation().Validate(null, options).Failures?.ToArray() ?? [];

    [Fact]
    public void Defaults_are_sqlite_for_every_service()
    {
        var options = new StorageOptions();
        Assert.Empty(Errors(options));
        Assert.Equal((StorageEngine.Sqlite, null), options.For("ingest"));
    }

    [Fact]
    public void Rejects_an_unknown_provider()
    {
        var error = Assert.Single(Errors(new StorageOptions { Provider = "mysql" }));
        Assert.Contains("BetterHarness:Storage:Provider must be 'sqlite' or 'postgres'", error);
    }

    [Fact]
    public void Rejects_postgres_without_a_connection_string()
    {
        var error = Assert.Single(Errors(new StorageOptions { Provider = "postgres" }));
        Assert.Contains("no connection string", error);
        Assert.Contains("BetterHarness:Storage:ConnectionString", error);
    }

    [Fact]
    public void Rejects_a_malformed_connection_string_and_schema_prefix()
    {
        var errors = Errors(new StorageOptions { Provider = "postgres", ConnectionString = "Hots=db", SchemaPrefix = "Bad-Prefix" });
        Assert.Contains(errors, e => e.Contains("SchemaPrefix"));
        Assert.Contains(Errors(new StorageOptions { Provider = "postgres", ConnectionString = "Hots=db" }), e => e.Contains("not a valid PostgreSQL connection string"));
    }

    [Fact]
    public void A_service_can_use_its_own_engine_and_connection_string()
    {
        var options = new StorageOptions
        {
            Provider = "sqlite",
            Services = new(StringComparer.OrdinalIgnoreCase)
            {
                ["web"] = new() { Provider = "postgres", ConnectionString = "Host=web-db;Database=web" },
                ["mining"] = new() { Provider = "postgres" },
            },
        };
        Assert.Equal((StorageEngine.Postgres, "Host=web-db;Database=web"), options.For("WEB"));
        Assert.Contains(Errors(options), e => e.Contains("Services:mining:Provider is postgres but no connection string"));
        Assert.Equal(StorageEngine.Sqlite, options.For("clustering").Engine);
    }

    [Fact]
    public void A_service_without_postgres_stores_keeps_sqlite_under_the_shared_default_and_refuses_its_own_postgres_setting()
    {
        var modules = new ServiceModule[] { new Module("ported", postgres: true), new Module("legacy", postgres: false) };
        Assert.Equal(["legacy"], StorageCheck.SqliteOnly(new StorageOptions { Provider = "postgres", ConnectionString = "Host=db" }, modules));
        Assert.Empty(StorageCheck.SqliteOnly(new StorageOptions(), modules));

        var named = new StorageOptions { Services = new() { ["legacy"] = new() { Provider = "postgres" } } };
        var error = Assert.Throws<InvalidOperationException>(() => StorageCheck.SqliteOnly(named, modules));
        Assert.Contains("Services:legacy:Provider is postgres", error.Message);
    }

    [Fact]
    public void An_unreachable_server_fails_with_the_setting_to_check()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new PostgresDatabase("Host=127.0.0.1;Port=1;Timeout=2;Username=bh;Password=x;Database=bh", "web"));
        Assert.Contains("127.0.0.1:1/bh, schema web", error.Message);
        Assert.Contains("BetterHarness:Storage:ConnectionString", error.Message);
    }

    private sealed class Module(string name, bool postgres) : ServiceModule
    {
        public override string Name => name;
        public override bool StoresOnPostgres => postgres;
        public override void AddServices(WebApplicationBuilder builder) { }
        public override void AddConsumers(IBusRegistrationConfigurator bus) { }
        public override void MapEndpoints(WebApplication app) { }
    }
}
