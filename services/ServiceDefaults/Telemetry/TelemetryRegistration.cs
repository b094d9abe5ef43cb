using BetterHarness.ServiceDefaults.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BetterHarness.ServiceDefaults.Telemetry;

/// <summary>
/// The services' own telemetry: meters named <c>BetterHarness.*</c> and MassTransit/ASP.NET activity,
/// exported over OTLP only when <see cref="HostingOptions.TelemetryEndpoint"/> is set. Off by default so
/// an embedded install never traces itself into its own ingest.
/// </summary>
public static class TelemetryRegistration
{
    public const string MeterPrefix = "BetterHarness.";

    public static IServiceCollection AddBetterHarnessTelemetry(
        this IServiceCollection services, HostingOptions options, string serviceName)
    {
        if (string.IsNullOrWhiteSpace(options.TelemetryEndpoint)) return services;
        var endpoint = new Uri(options.TelemetryEndpoint);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("betterharness-" + serviceName))
            .WithMetrics(m => m
                .AddMeter(MeterPrefix + "*")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = endpoint))
            .WithTracing(t => t
                .AddSource("MassTransit")
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health"))
                .AddOtlpExporter(o => o.Endpoint = endpoint));
        return services;
    }
}
