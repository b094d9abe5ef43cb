using System.Net;
using BetterHarness.Models;
using BetterHarness.Optimizer.EvalRuns.Api;
using BetterHarness.Optimizer.EvalRuns.Cases;
using BetterHarness.Optimizer.EvalRuns.Models;
using BetterHarness.Optimizer.EvalRuns.Running;
using BetterHarness.Optimizer.EvalRuns.Storage;
using BetterHarness.Optimizer.EvalRuns.Tracing;
using BetterHarness.Optimizer.Harnesses.Api;
using BetterHarness.Optimizer.Harnesses.Storage;
using BetterHarness.Optimizer.Harnesses.Traces;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.ServiceDefaults.Storage;
using BetterHarness.Text;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BetterHarness.Optimizer.EvalRuns;

/// <summary>Harness versions and eval runs in the optimizer service: options, stores, model catalog, clients, worker, consumer, API.</summary>
public static class EvalRunRegistration
{
    public static void AddEvalRuns(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EvalRunOptions>().BindConfiguration(EvalRunOptions.Section).PostConfigure<IConfiguration>(DeprecatedCurationSettings.Apply)
            .ValidateDataAnnotations()
            .Validate(o => o.CurationBaseUrl is null || Uri.TryCreate(o.CurationBaseUrl, UriKind.Absolute, out _),
                "BetterHarness:EvalRuns:CurationBaseUrl (or its deprecated alias BetterHarness:Optimization:CurationUrl) must be an absolute URL")
            .Validate<IConfiguration>(DeprecatedCurationSettings.Consistent, DeprecatedCurationSettings.ConflictMessage)
            .Validate(o => o.IngestBaseUrl is null || Uri.TryCreate(o.IngestBaseUrl, UriKind.Absolute, out _), "BetterHarness:EvalRuns:IngestBaseUrl must be an absolute URL")
            .Validate(o => o.CasesRetryWindow > TimeSpan.Zero && o.CasesRetryWindow <= TimeSpan.FromDays(1), "BetterHarness:EvalRuns:CasesRetryWindow must be between 00:00:00.001 and 1.00:00:00")
            .Validate(o => o.TraceExportUrl is null || Uri.TryCreate(o.TraceExportUrl, UriKind.Absolute, out _), "BetterHarness:EvalRuns:TraceExportUrl must be an absolute URL")
            .Validate<IOptions<ModelCatalogOptions>>((o, models) => string.IsNullOrEmpty(o.JudgeModel)
                    || models.Value.Models.TryGetValue(o.JudgeModel, out var judge) && judge.Kind == "openai",
                "BetterHarness:EvalRuns:JudgeModel must name a Kind=openai model under BetterHarness:Models")
            .ValidateOnStart();
        services.AddModelCatalog(builder.Configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITextEmbedder, MiniLmEmbedder>();
        services.AddBetterHarnessStorage();
        services.AddSingleton(sp => HarnessDatabase.Open(sp.GetRequiredService<Databases>()));
        services.AddSingleton(sp => EvalRunDatabase.Open(sp.GetRequiredService<Databases>()));
        services.AddOutbox(sp => sp.GetRequiredService<EvalRunDatabase>().Outbox);
        services.AddSingleton<HarnessStore>();
        services.AddHostedService<BetterHarness.Optimizer.Harnesses.HarnessAnnouncer>();
        services.AddSingleton<EvalRunStore>();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<EvalRunExecutor>();
        services.AddSingleton<EvalRunWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<EvalRunWorker>());
        services.AddSingleton<TraceHarnessSource>();
        services.AddHostedService<DeprecatedCurationSettings>();
        services.AddHttpClient<CurationCasesClient>((sp, http) => Configure(http, sp, o => o.CurationBaseUrl));
        services.AddHttpClient<IngestTracesClient>((sp, http) => Configure(http, sp, o => o.IngestBaseUrl));
        services.AddHttpClient<IEvalTraceSink, OtlpEvalTraceSink>((sp, http) =>
        {
            http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<EvalRunOptions>>().Value.TraceExportUrl
                ?? $"http://{OwnHost(sp.GetRequiredService<IConfiguration>()["BetterHarness:Ingest:OtlpHttpEndpoint"] ?? "127.0.0.1:4318")}/v1/traces");
            http.Timeout = TimeSpan.FromSeconds(10);
            if (sp.GetRequiredService<ServiceCredentials>().KeyFor(http.BaseAddress) is { } key) http.DefaultRequestHeaders.Add("X-Api-Key", key);
        });
    }

    public static void AddEvalRunConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<RunEvalSuiteConsumer, RunEvalSuiteConsumerDefinition>();

    public static void MapEvalRuns(this WebApplication app)
    {
        HarnessEndpoints.Map(app);
        EvalRunEndpoints.Map(app);
    }

    private static void Configure(HttpClient http, IServiceProvider sp, Func<EvalRunOptions, string?> baseUrl)
    {
        var options = sp.GetRequiredService<IOptions<EvalRunOptions>>().Value;
        var hosting = Hosting(sp);
        var url = baseUrl(options) ?? $"http://{OwnHost(hosting.ApiEndpoint)}/";
        http.BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/");
        http.Timeout = TimeSpan.FromMinutes(2);
        if (sp.GetRequiredService<ServiceCredentials>().KeyFor(http.BaseAddress, options.ApiKey) is { } key) http.DefaultRequestHeaders.Add("X-Api-Key", key);
    }

    /// <summary>host:port of one of this process's listeners as a client reaches it (a wildcard bind is reached on loopback).</summary>
    private static string OwnHost(string endpoint) => ListenAddress.Parse(endpoint, "listen address").ReachableHostPort;

    private static HostingOptions Hosting(IServiceProvider sp) => sp.GetRequiredService<IOptions<HostingOptions>>().Value;
}
