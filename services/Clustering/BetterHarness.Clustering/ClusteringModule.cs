using BetterHarness.Clustering.Alerts;
using BetterHarness.Clustering.Analyst;
using BetterHarness.Clustering.Api;
using BetterHarness.Clustering.Consumers;
using BetterHarness.Clustering.Domain.Features;
using BetterHarness.Clustering.Engine;
using BetterHarness.Clustering.Storage;
using BetterHarness.Models;
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

namespace BetterHarness.Clustering;

/// <summary>The clustering service: flagged-trace digests → signatures → online assignment / re-clustering → clusters, alerts, API.</summary>
public sealed class ClusteringModule : ServiceModule
{
    public override string Name => "clustering";

    public override bool StoresOnPostgres => true;

    public override void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ClusteringOptions>().BindConfiguration(ClusteringOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.ReclusterInterval > TimeSpan.Zero && o.TrendBucket >= TimeSpan.FromSeconds(1) && o.WebhookBackoff >= TimeSpan.Zero,
                "ReclusterInterval must be positive, TrendBucket at least 1 s, WebhookBackoff not negative")
            .Validate(o => o.WebhookUrl is null or "" ||
                           (Uri.TryCreate(o.WebhookUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"),
                "WebhookUrl must be an absolute http(s) URL")
            .Validate(o => FeatureModes.TryParse(o.Features, out _), "Features must be embedding, tfidf or combined")
            .ValidateOnStart();
        services.AddBetterHarnessStorage();
        services.AddSingleton(sp => ClusteringDatabase.Open(sp.GetRequiredService<Databases>()));
        services.TryAddSingleton(TimeProvider.System);
        // Shared with other services in the same process: the model is loaded once.
        services.TryAddSingleton<ITextEmbedder, MiniLmEmbedder>();
        services.AddSingleton<FailureStore>();
        services.AddSingleton<SignatureStore>();
        services.AddSingleton<ClusterStore>();
        services.AddSingleton<ClusterQueries>();
        services.AddSingleton<SignatureEmbeddings>();
        services.AddSingleton<SpikeWatch>();
        services.AddSingleton<ClusteringEngine>();
        AddAnalyst(builder);
        services.AddSingleton<WebhookQueue>();
        services.AddOutbox(sp => new AlertOutbox(sp.GetRequiredService<ClusteringDatabase>().Outbox, sp.GetRequiredService<WebhookQueue>()));
        services.AddHostedService<WebhookSender>();
        services.AddHostedService<PeriodicReclusterWorker>();
    }

    /// <summary>
    /// The LLM failure analyst: its store and lookups always (they answer "nothing" while it is off), its model client
    /// and worker only when <c>BetterHarness:Clustering:Analyst:Model</c> names a model (a test's own
    /// <see cref="AnalystChat"/>, registered first, is kept).
    /// </summary>
    private static void AddAnalyst(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddModelCatalog(builder.Configuration);
        services.AddOptions<AnalystOptions>().BindConfiguration(AnalystOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AnalystOptions>, AnalystOptionsValidation>();
        services.AddSingleton<AnalysisStore>();
        services.AddSingleton<AnalysedSignatures>();
        services.AddSingleton<FailureAnalyses>();
        services.AddDailyTokenBudget<AnalystOptions>("failure analyst", sp => sp.GetRequiredService<AnalysisStore>().TokensSince);
        if (builder.Configuration.GetSection(AnalystOptions.Section).Get<AnalystOptions>() is not { Enabled: true } analyst) return;
        var model = analyst.Model!;
        services.TryAddSingleton(sp => ChatOf(sp, model));
        services.AddSingleton<FailureAnalyst>();
        services.AddHostedService<FailureAnalystWorker>();
    }

    private static AnalystChat ChatOf(IServiceProvider sp, string model)
    {
        // The analyst's options first: their validation says what is wrong with the model before a client is made.
        _ = sp.GetRequiredService<IOptions<AnalystOptions>>().Value;
        var options = sp.GetRequiredService<IOptions<ModelCatalogOptions>>().Value.Models[model];
        return new AnalystChat(model, sp.GetRequiredService<OpenAiChatClients>().Create(model, options));
    }

    public override void AddConsumers(IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<TracesFlaggedConsumer, TracesFlaggedConsumerDefinition>();

    public override void MapEndpoints(WebApplication app)
    {
        ClusterEndpoints.Map(app);
        app.MapAuditLog("/api/clusters/audit", sp => [sp.GetRequiredService<ClusteringDatabase>().Database.Open]);
    }
}
