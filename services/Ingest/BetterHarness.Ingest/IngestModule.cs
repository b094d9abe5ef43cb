using BetterHarness.Ingest.Api;
using BetterHarness.Ingest.Assembly;
using BetterHarness.Ingest.Feedback;
using BetterHarness.Ingest.Harnesses;
using BetterHarness.Ingest.Production;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Ingest.Receiving;
using BetterHarness.Ingest.Retention;
using BetterHarness.Ingest.Storage;
using BetterHarness.Ingest.Telemetry;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Storage;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BetterHarness.Ingest;

/// <summary>The ingest service: OTLP receivers → span store → trace assembly → signals → digests.</summary>
public sealed class IngestModule : ServiceModule
{
    public const string OtlpGrpcListener = "otlp-grpc";
    public const string OtlpHttpListener = "otlp-http";

    public override string Name => "ingest";

    public override bool StoresOnPostgres => true;

    public override IEnumerable<ListenerSpec> Listeners(IConfiguration configuration)
    {
        var o = configuration.GetSection(IngestOptions.Section).Get<IngestOptions>() ?? new IngestOptions();
        yield return new ListenerSpec(OtlpGrpcListener, ListenAddress.Parse(o.OtlpGrpcEndpoint, "BetterHarness:Ingest:OtlpGrpcEndpoint"), HttpProtocols.Http2);
        yield return new ListenerSpec(OtlpHttpListener, ListenAddress.Parse(o.OtlpHttpEndpoint, "BetterHarness:Ingest:OtlpHttpEndpoint"), HttpProtocols.Http1);
    }

    public override void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.QuietWindow > TimeSpan.Zero && o.MaxTraceAge >= o.QuietWindow,
                "QuietWindow must be positive and MaxTraceAge at least QuietWindow")
            .ValidateOnStart();
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddBetterHarnessStorage();
        services.AddSingleton(sp => IngestDatabase.Open(sp.GetRequiredService<Databases>()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<AdmissionControl>();
        services.AddSingleton<SpanWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<SpanWriter>());
        services.AddSingleton<SpanIngestor>();
        services.AddSingleton<LogIngestor>();
        services.AddSingleton<TraceStore>();
        services.AddSingleton<TraceQueries>();
        services.AddSingleton<FeedbackStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<HarnessCatalog>();
        services.AddSingleton<HarnessClaims>();
        services.AddSingleton<ProductionQueries>();
        services.AddSingleton<TraceClusterStore>();
        services.AddHttpClient<ClusterLabels>((sp, http) =>
        {
            var url = sp.GetRequiredService<IOptions<IngestOptions>>().Value.ClusteringBaseUrl;
            http.BaseAddress = url is { Length: > 0 } ? new Uri(url.EndsWith('/') ? url : url + "/")
                : OwnApi(sp.GetRequiredService<IOptions<HostingOptions>>().Value.ApiEndpoint);
            http.Timeout = TimeSpan.FromSeconds(10);
            if (sp.GetRequiredService<ServiceCredentials>().KeyFor(http.BaseAddress) is { } key) http.DefaultRequestHeaders.Add("X-Api-Key", key);
        });
        services.AddSingleton<RetentionStore>();
        services.AddSingleton<TracePinStore>();
        services.AddSingleton<RetentionWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionWorker>());
        services.AddSingleton<TraceCompletionWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<TraceCompletionWorker>());
        services.AddOutbox(sp => sp.GetRequiredService<OutboxStore>(), sp =>
        {
            var o = sp.GetRequiredService<IOptions<IngestOptions>>().Value;
            return new OutboxSettings(o.DigestBatchSize, o.RedriveWindowOnStart);
        });
    }

    public override void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<HarnessVersionCreatedConsumer, HarnessVersionCreatedConsumerDefinition>();
        bus.AddConsumer<TracesClusteredConsumer, TracesClusteredConsumerDefinition>();
        bus.AddConsumer<TracePinsChangedConsumer, TracePinsChangedConsumerDefinition>();
    }

    public override void MapEndpoints(WebApplication app)
    {
        // OTLP (and feedback, which agents send alongside their traces) on the OTLP listeners only; the trace API
        // on the API listener.
        // Agents' keys carry the ingest role: they may send and nothing else. Telemetry is not audited per export (one
        // entry per batch would outweigh the data); the bh.ingest counters say who sent how much.
        const string telemetry = "telemetry: counted by the bh.ingest metrics, not audited per export";
        app.MapPost("/v1/traces", OtlpHttpEndpoint.HandleAsync).ServeOn(OtlpHttpListener).WritesUnaudited(Role.Ingest, telemetry);
        app.MapPost(OtlpGrpcEndpoint.Path, OtlpGrpcEndpoint.HandleAsync).ServeOn(OtlpGrpcListener).WritesUnaudited(Role.Ingest, telemetry);
        app.MapPost("/v1/logs", OtlpHttpEndpoint.HandleLogsAsync).ServeOn(OtlpHttpListener).WritesUnaudited(Role.Ingest, telemetry);
        app.MapPost(OtlpGrpcEndpoint.LogsPath, OtlpGrpcEndpoint.HandleLogsAsync).ServeOn(OtlpGrpcListener).WritesUnaudited(Role.Ingest, telemetry);
        app.MapPost("/v1/feedback", FeedbackEndpoint.HandleAsync).ServeOn(OtlpHttpListener).WritesUnaudited(Role.Ingest, telemetry);
        TraceEndpoints.Map(app);
        RetentionEndpoints.Map(app);
        ProductionEndpoints.Map(app);
        RegisterGauges(app.Services);
    }

    /// <summary>This process's API listener as a URL it can call (a wildcard bind is reached on loopback).</summary>
    private static Uri OwnApi(string endpoint) => ListenAddress.Parse(endpoint, "BetterHarness:ApiEndpoint").ReachableUrl;

    private static void RegisterGauges(IServiceProvider services)
    {
        var metrics = services.GetRequiredService<IngestMetrics>();
        var writer = services.GetRequiredService<SpanWriter>();
        var admission = services.GetRequiredService<AdmissionControl>();
        var outbox = services.GetRequiredService<OutboxStore>();
        metrics.Gauge("bh.ingest.writer.queue_depth", "{request}", () => writer.QueueDepth, "Requests waiting for a commit.");
        metrics.Gauge("bh.ingest.inflight.bytes", "By", () => admission.InFlightBytes, "Request bytes admitted and not yet answered.");
        metrics.Gauge("bh.ingest.outbox.pending", "{digest}", outbox.PendingCount, "Digests stored and not yet published.");
    }
}
