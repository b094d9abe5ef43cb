using BetterHarness.Optimizer.Optimization.Api;
using BetterHarness.Optimizer.Optimization.Consumers;
using BetterHarness.Optimizer.Optimization.Ports;
using BetterHarness.Optimizer.Optimization.Running;
using BetterHarness.Optimizer.Optimization.Storage;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.ServiceDefaults.Storage;
using BetterHarness.Text;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BetterHarness.Optimizer.Optimization;

/// <summary>The optimisation part of the optimizer service: options, store, worker, consumer, API.</summary>
public static class OptimizationRegistration
{
    public static void AddOptimization(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OptimizationOptions>().BindConfiguration(OptimizationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddBetterHarnessStorage();
        services.AddSingleton(sp => OptimizationDatabase.Open(sp.GetRequiredService<Databases>()));
        services.AddSingleton<OptimizationRuns>();
        services.AddSingleton<OptimizationDecisions>();
        services.AddOutbox(sp => sp.GetRequiredService<OptimizationDatabase>().Outbox);
        services.AddSingleton<AutoTrigger.AutoTriggerStore>();
        services.AddSingleton<AutoTrigger.AutoTriggerPolicy>();
        services.AddSingleton<OptimizationRunner>();
        services.AddSingleton<OptimizationWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<OptimizationWorker>());
        // Snapshots come through the eval runs' curation client: one client, one setting (BetterHarness:EvalRuns:CurationBaseUrl).
        services.TryAddSingleton<IEvalSnapshots, CurationSnapshots>();
        services.TryAddSingleton<ITextEmbedder, MiniLmEmbedder>();
        services.TryAddSingleton<IEvaluatorFactory, OptimizationModels>();
        services.TryAddSingleton<IHarnessVersions, StoredHarnessVersions>();
    }

    public static void AddOptimizationConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<RunOptimizationConsumer, RunOptimizationConsumerDefinition>();
        bus.AddConsumer<EvalCaseAcceptedConsumer, EvalCaseAcceptedConsumerDefinition>();
    }

    public static void MapOptimization(this WebApplication app) => OptimizationEndpoints.Map(app);
}
