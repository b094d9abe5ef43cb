using BetterHarness.Curation.Api;
using BetterHarness.Curation.Consumers;
using BetterHarness.Curation.Evals;
using BetterHarness.Curation.Review;
using BetterHarness.Curation.Storage;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.Text;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Storage;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BetterHarness.Curation;

/// <summary>The curation service: candidates → review queue → accepted eval cases, versioned, snapshotted, split.</summary>
public sealed class CurationModule : ServiceModule
{
    public override string Name => "curation";

    public override bool StoresOnPostgres => true;

    public override void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CurationOptions>().BindConfiguration(CurationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddBetterHarnessStorage();
        services.AddSingleton(sp => CurationDatabase.Open(sp.GetRequiredService<Databases>()));
        services.AddSingleton<CurationWrites>();
        services.AddSingleton<QueueStore>();
        services.AddSingleton<QueueWithdrawals>();
        services.AddSingleton<QueueQueries>();
        services.AddSingleton<ReviewDecisions>();
        services.AddSingleton<ReviewLeases>();
        services.AddSingleton<CaseEditor>();
        services.AddSingleton<CaseImporter>();
        services.TryAddSingleton<ITextEmbedder, MiniLmEmbedder>();
        services.AddSingleton<SituationVectors>();
        services.AddSingleton<IHostedService, SituationBackfill>();
        services.AddSingleton<EvalQueries>();
        services.AddSingleton<SnapshotQueries>();
        services.AddSingleton<AutoAcceptor>();
        services.AddOutbox(sp => sp.GetRequiredService<CurationDatabase>().Outbox);
    }

    public override void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<EvalCandidateProposedConsumer, EvalCandidateProposedConsumerDefinition>();
        bus.AddConsumer<EvalCandidateWithdrawnConsumer, EvalCandidateWithdrawnConsumerDefinition>();
    }

    public override void MapEndpoints(WebApplication app)
    {
        ReviewEndpoints.Map(app);
        EvalEndpoints.Map(app);
        AuditEndpoints.Map(app);
    }
}
