using BetterHarness.ServiceDefaults.Messaging;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.ServiceDefaults.Storage;
using BetterHarness.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace BetterHarness.ServiceDefaults.Hosting;

/// <summary>
/// Builds the process that hosts one or more <see cref="ServiceModule"/>s: configuration, validated options,
/// protected mode, listeners, bus, telemetry, health endpoints. Everything cross-cutting lives here once.
/// </summary>
public static class ServiceHost
{
    public static WebApplication Build(string[] args, IReadOnlyList<ServiceModule> modules,
        Action<IConfigurationBuilder>? configure = null)
    {
        // No config reload-on-change: its file watcher covers the content root, which holds ./data by default,
        // and would wake on every SQLite write.
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
        configure?.Invoke(builder.Configuration);
        var hosting = builder.Configuration.GetSection(HostingOptions.Section).Get<HostingOptions>() ?? new HostingOptions();
        builder.Services.AddOptions<HostingOptions>().BindConfiguration(HostingOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();

        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var sqliteOnly = StorageCheck.SqliteOnly(storage, modules);
        builder.Services.AddBetterHarnessStorage();

        var listeners = new List<ListenerSpec>
        {
            new("api", ListenAddress.Parse(hosting.ApiEndpoint, "BetterHarness:ApiEndpoint"), HttpProtocols.Http1),
        };
        foreach (var module in modules) listeners.AddRange(module.Listeners(builder.Configuration));
        var security = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        ProtectedMode.EnsureSafe(listeners.Select(l => l.Address), ApiKeyRegistry.AllKeys(hosting, security));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var shared in listeners.GroupBy(l => l.Address))
                kestrel.Listen(shared.Key.Address, shared.Key.Port, o =>
                {
                    o.Protocols = shared.First().Protocols;
                    o.Use(ListenerFilter.Tag([.. shared.Select(l => l.Name)]));
                });
        });

        builder.Logging.ClearProviders();
        if (hosting.LogFormat == "json") builder.Logging.AddJsonConsole(o => o.TimestampFormat = "O");
        else builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        // Per-request logs would cost more than ingesting the request; counters cover what they would say.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // The HTTP clients' resilience pipelines log every attempt at Information; retries and failures are Warning.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks().AddCheck<BrokerHealthCheck>("broker");
        builder.Services.AddBetterHarnessSecurity(hosting, security);
        builder.Services.AddBetterHarnessTelemetry(hosting, string.Join('+', modules.Select(m => m.Name)));
        builder.Services.AddBetterHarnessBus(hosting, modules);
        builder.Services.AddSingleton<IReadOnlyList<ListenerSpec>>(listeners);
        builder.Services.AddSingleton(new HostedModules(modules.Select(m => m.Name).ToHashSet(StringComparer.OrdinalIgnoreCase)));
        foreach (var module in modules) module.AddServices(builder);

        var app = builder.Build();
        if (sqliteOnly.Count > 0)
            app.Logger.LogWarning("Storage: {Services} keep their SQLite files under {DataDir}; only the other services run on PostgreSQL so far",
                string.Join(", ", sqliteOnly), Path.GetFullPath(hosting.DataDir));
        // Before routing, so every answer carries the headers and a rebinding Host is refused before anything runs.
        if (security.TrustedProxies.Count > 0) app.UseForwardedHeaders(TrustedProxyList.Options(security));
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<HostAllowList>();
        app.UseRouting();
        app.UseMiddleware<ListenerFilter>();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseBetterHarnessSecurity();
        HealthEndpoints.Map(app);
        foreach (var module in modules) module.MapEndpoints(app);
        return app;
    }
}
