using BetterHarness.Mining.Consumers;
using BetterHarness.Mining.Domain.Cases;
using BetterHarness.Mining.Domain.Detection;
using BetterHarness.Mining.Domain.Redaction;
using BetterHarness.Mining.Processing;
using BetterHarness.Mining.Storage;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using BetterHarness.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BetterHarness.Mining.Tests;

/// <summary>The mining registrations (with the outbox dispatcher when on a bus) over a temp data dir, with a marker detector and a word embedder (no model load).</summary>
internal static class MiningServices
{
    public static ServiceProvider Create(string? dataDir = null, bool withBus = false, params string[] markers)
    {
        dataDir ??= Path.Combine(Path.GetTempPath(), "bh-mining-" + Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Options.Create(new HostingOptions { DataDir = dataDir }));
        services.AddSingleton(Options.Create(new MiningOptions()));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ITextEmbedder, WordEmbedder>();
        services.AddSingleton<ICorrectionDetector>(new FixedDetector(markers.Length > 0 ? markers : ["no, i said", "i meant", "wrong"]));
        services.AddSingleton(sp => MiningDatabase.Open(dataDir));
        services.AddSingleton(Redactor.Default);
        services.AddSingleton<CaseBuilder>();
        services.AddSingleton<CandidateStore>();
        services.AddSingleton<CandidateQueries>();
        services.AddSingleton<CandidateImport>();
        services.AddSingleton<TraceClusterStore>();
        services.AddSingleton<CandidateMiner>();
        if (withBus)
        {
            services.AddOutbox(sp => sp.GetRequiredService<MiningDatabase>().Outbox);
            services.AddMassTransitTestHarness(x =>
            {
                // Proposals are published by the outbox dispatcher just after the consumer's commit; on a loaded
                // machine that gap can outlast the default 1.2 s the harness takes as "idle".
                x.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromSeconds(5));
                x.AddConsumer<TracesFlaggedConsumer, TracesFlaggedConsumerDefinition>();
                x.AddConsumer<TracesClusteredConsumer, TracesClusteredConsumerDefinition>();
            });
        }
        return services.BuildServiceProvider();
    }
}
