using System.CommandLine;

namespace BetterHarness.Host.Commands;

/// <summary>
/// Command-line flags shared by <c>up</c> and <c>run</c>, turned into configuration overrides so that
/// flags, environment variables (<c>BetterHarness__…</c>) and appsettings.json all reach the same options.
/// </summary>
public sealed class HostOptionsBinder
{
    private readonly Option<string?> _dataDir = new("--data-dir") { Description = "Directory for SQLite files (default ./data)." };
    private readonly Option<string?> _api = new("--api") { Description = "HTTP API listen address (default 127.0.0.1:8080)." };
    private readonly Option<string?> _grpc = new("--otlp-grpc") { Description = "OTLP/gRPC listen address (default 127.0.0.1:4317)." };
    private readonly Option<string?> _http = new("--otlp-http") { Description = "OTLP/HTTP listen address (default 127.0.0.1:4318)." };
    private readonly Option<string[]> _apiKeys = new("--api-key") { Description = "API key clients must send (repeatable). Required when not bound to loopback." };
    private readonly Option<string?> _transport = new("--transport") { Description = "inmemory (default for up) or rabbitmq." };
    private readonly Option<string?> _rabbit = new("--rabbitmq") { Description = "RabbitMQ URI (default amqp://guest:guest@127.0.0.1:5672/)." };
    private readonly Option<string?> _quiet = new("--quiet-window") { Description = "Trace quiet window, e.g. 00:00:03." };
    private readonly Option<string?> _storage = new("--storage") { Description = "Store engine: sqlite (default) or postgres (the services that support it; docs/storage.md)." };
    private readonly Option<string?> _storageConnection = new("--storage-connection") { Description = "PostgreSQL connection string for --storage postgres, e.g. \"Host=127.0.0.1;Database=bh;Username=bh;Password=…\"." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _dataDir, _api, _grpc, _http, _apiKeys, _transport, _rabbit, _quiet, _storage, _storageConnection })
            command.Options.Add(option);
    }

    public Dictionary<string, string?> Overrides(ParseResult result, string defaultTransport)
    {
        var o = new Dictionary<string, string?>();
        void Set(string key, string? value) { if (!string.IsNullOrEmpty(value)) o[key] = value; }
        Set("BetterHarness:DataDir", result.GetValue(_dataDir));
        Set("BetterHarness:ApiEndpoint", result.GetValue(_api));
        Set("BetterHarness:Ingest:OtlpGrpcEndpoint", result.GetValue(_grpc));
        Set("BetterHarness:Ingest:OtlpHttpEndpoint", result.GetValue(_http));
        Set("BetterHarness:Ingest:QuietWindow", result.GetValue(_quiet));
        Set("BetterHarness:RabbitMq", result.GetValue(_rabbit));
        Set("BetterHarness:Storage:Provider", result.GetValue(_storage));
        Set("BetterHarness:Storage:ConnectionString", result.GetValue(_storageConnection));
        var transport = result.GetValue(_transport);
        if (!string.IsNullOrEmpty(transport)) o["BetterHarness:Transport"] = transport;
        else if (Environment.GetEnvironmentVariable("BetterHarness__Transport") is null) o["BetterHarness:Transport"] = defaultTransport;
        var keys = result.GetValue(_apiKeys) ?? [];
        for (var i = 0; i < keys.Length; i++) o[$"BetterHarness:ApiKeys:{i}"] = keys[i];
        return o;
    }
}
