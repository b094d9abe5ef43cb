using BetterHarness.Mining.Api;
using BetterHarness.Mining.Consumers;
using BetterHarness.Mining.Domain.Cases;
using BetterHarness.Mining.Domain.Detection;
using BetterHarness.Mining.Domain.Redaction;
using BetterHarness.Mining.Detectors;
using BetterHarness.Mining.Judging;
using BetterHarness.Mining.Labels;
using BetterHarness.Models;
using BetterHarness.Mining.Processing;
using BetterHarness.Mining.Storage;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Text;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BetterHarness.Mining;

/// <summary>The mining service: flagged digests → candidate eval cases (redacted, deduplicated) → store → EvalCandidateProposed.</summary>
public sealed class MiningModule : ServiceModule
{
    public override string Name => "mining";

    public override void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MiningOptions>().BindConfiguration(MiningOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.RedactPatterns.All(p => IsRegex(p.Value)), "every BetterHarness:Mining:RedactPatterns value must be a valid .NET regex")
            .Validate(o => o.IngestUrl is null || Uri.TryCreate(o.IngestUrl, UriKind.Absolute, out _), "BetterHarness:Mining:IngestUrl must be an absolute URL")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // One embedder per process: the clustering service may register the same one.
        services.TryAddSingleton<ITextEmbedder, MiniLmEmbedder>();
        services.AddSingleton(sp => ShippedModel.Load(sp.GetRequiredService<IOptions<DetectorOptions>>().Value, sp.GetRequiredService<ITextEmbedder>()));
        services.AddSingleton<ICorrectionDetector>(sp => sp.GetRequiredService<CorrectionDetector>());
        services.AddOptions<DetectorOptions>().BindConfiguration(DetectorOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.TrainInterval >= TimeSpan.FromSeconds(1), "BetterHarness:Mining:Detector:TrainInterval must be at least 00:00:01")
            .Validate(o => o.RescoreWindow >= TimeSpan.FromMinutes(1) && o.RescoreWindow <= TimeSpan.FromDays(365),
                "BetterHarness:Mining:Detector:RescoreWindow must be between 00:01:00 and 365.00:00:00")
            .Validate(o => ShippedModel.IsValidDir(o.ShippedModelDir),
                "BetterHarness:Mining:Detector:ShippedModelDir must hold correction-model.zip and correction-model.json (written by the training tool)")
            .ValidateOnStart();
        services.AddSingleton<DetectorVersions>();
        services.AddSingleton(sp => new AgentDetectors(sp.GetRequiredService<ICorrectionDetector>(),
            new Lazy<CorrectionDetector>(sp.GetRequiredService<CorrectionDetector>), sp.GetRequiredService<DetectorVersions>()));
        services.AddSingleton<DetectorTraining>();
        services.AddSingleton<DetectorViews>();
        services.AddSingleton<DetectorAudit>();
        services.AddHostedService<DetectorTrainingWorker>();
        services.AddSingleton<CandidateWithdrawals>();
        services.AddSingleton<Rescoring>();
        services.AddHostedService<RescoringWorker>();
        services.AddSingleton(sp => MiningDatabase.Open(sp.GetRequiredService<IOptions<HostingOptions>>().Value.DataDir));
        services.AddSingleton(sp => Redactor.WithCustom(sp.GetRequiredService<IOptions<MiningOptions>>().Value.RedactPatterns.Select(p => (p.Key, p.Value))));
        services.AddSingleton<CaseBuilder>();
        services.AddSingleton<CandidateStore>();
        services.AddSingleton<CandidateQueries>();
        services.AddSingleton<CandidateImport>();
        services.AddSingleton<TraceClusterStore>();
        services.AddSingleton<WithdrawnFailures>();
        services.AddSingleton<SupersededRevisions>();
        services.AddSingleton<CandidateMiner>();
        services.AddSingleton<DigestArchive>();
        services.AddSingleton<LabelStore>();
        services.AddSingleton<TraceConversations>();
        services.AddSingleton<IngestTraces>();
        services.AddSingleton<MissedCorrections>();
        services.AddSingleton<CorrectionLabeller>();
        services.AddSingleton<ReviewLabels>();
        services.AddHttpClient(IngestTraces.HttpClientName, (sp, http) => IngestEndpoint.Configure(http,
            sp.GetRequiredService<IOptions<MiningOptions>>().Value, sp.GetRequiredService<IOptions<HostingOptions>>().Value,
            sp.GetRequiredService<BetterHarness.ServiceDefaults.Security.ServiceCredentials>())).AddStandardResilienceHandler();
        services.AddOutbox(sp => sp.GetRequiredService<MiningDatabase>().Outbox);
        AddJudge(builder);
    }

    /// <summary>
    /// The optional correction judge: its queue, budget and intake always (the intake queues nothing while it is off), its
    /// model client and worker only when <c>BetterHarness:Mining:Judge:Model</c> names a model (a test's own
    /// <see cref="JudgeChat"/>, registered first, is kept).
    /// </summary>
    private static void AddJudge(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddModelCatalog(builder.Configuration);
        services.AddOptions<JudgeOptions>().BindConfiguration(JudgeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<JudgeOptions>, JudgeOptionsValidation>();
        services.AddSingleton<JudgeStore>();
        services.AddDailyTokenBudget<JudgeOptions>("correction judge", sp => sp.GetRequiredService<JudgeStore>().SpentSince);
        services.AddSingleton<JudgeIntake>();
        if (builder.Configuration.GetSection(JudgeOptions.Section).Get<JudgeOptions>() is not { Enabled: true } judge) return;
        var model = judge.Model!;
        services.TryAddSingleton(sp =>
        {
            // The judge's options first: their validation says what is wrong with the model before a client is made.
            _ = sp.GetRequiredService<IOptions<JudgeOptions>>().Value;
            var options = sp.GetRequiredService<IOptions<ModelCatalogOptions>>().Value.Models[model];
            return new JudgeChat(model, sp.GetRequiredService<OpenAiChatClients>().Create(model, options));
        });
        services.AddSingleton<CorrectionJudge>();
        services.AddHostedService<JudgeWorker>();
    }

    public override void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<TracesFlaggedConsumer, TracesFlaggedConsumerDefinition>();
        bus.AddConsumer<TracesClusteredConsumer, TracesClusteredConsumerDefinition>();
        bus.AddConsumer<TraceFailureWithdrawnConsumer, TraceFailureWithdrawnConsumerDefinition>();
        bus.AddConsumer<CorrectionVerdictGivenConsumer, CorrectionVerdictGivenConsumerDefinition>();
    }

    public override void MapEndpoints(WebApplication app)
    {
        app.MapPost("/api/corrections/classify", ClassifyEndpoint.Handle)
            .WritesUnaudited(Role.Viewer, "a computation: classifies the posted turns and stores nothing");
        CandidateEndpoints.Map(app);
        LabelEndpoints.Map(app);
        DetectorEndpoints.Map(app);
        MinedTraceEndpoint.Map(app);
        app.MapAuditLog("/api/mining/audit", sp => [sp.GetRequiredService<MiningDatabase>().Database.Open]);
    }

    private static bool IsRegex(string pattern)
    {
        try { _ = new System.Text.RegularExpressions.Regex(pattern); return true; }
        catch (ArgumentException) { return false; }
    }
}
