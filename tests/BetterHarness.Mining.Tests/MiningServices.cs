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
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BetterHarness.Mining.Tests;

/// <summary>The mining registrations (with the outbox dispatcher when on a bus) over a temp data dir, with a marker detector and a word embedder (no model load).</summary>
internal static class MiningServices
{
    public static ServiceProvider Create(string? dataDir = null, bool withBus = false, params string[] markers) =>
        Create(new FixedDetector(markers.Length > 0 ? markers : ["no, i said", "i meant", "wrong"]), dataDir, withBus);

    /// <summary>The same registrations with <paramref name="detector"/> scoring every agent's turns (no adapted versions).</summary>
    public static ServiceProvider Create(ICorrectionDetector detector, string? dataDir = null, bool withBus = false)
    {
        dataDir ??= Path.Combine(Path.GetTempPath(), "bh-mining-" + Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Options.Create(new HostingOptions { DataDir = dataDir }));
        services.AddSingleton(Options.Create(new MiningOptions()));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ITextEmbedder, WordEmbedder>();
        services.AddSingleton(detector);
        services.AddSingleton(sp => MiningDatabase.Open(dataDir));
        services.AddSingleton(Redactor.Default);
        services.AddSingleton<CaseBuilder>();
        services.AddSingleton<CandidateStore>();
        services.AddSingleton<CandidateQueries>();
        services.AddSingleton<CandidateImport>();
        services.AddSingleton<TraceClusterStore>();
        services.AddSingleton<WithdrawnFailures>();
        services.AddSingleton<SupersededRevisions>();
        services.AddSingleton<global::BetterHarness.Mining.Detectors.DetectorVersions>();
        services.AddSingleton(sp => new global::BetterHarness.Mining.Detectors.AgentDetectors(sp.GetRequiredService<ICorrectionDetector>(),
            new Lazy<CorrectionDetector>(() => throw new InvalidOperationException("no shipped model in these tests")), sp.GetRequiredService<global::BetterHarness.Mining.Detectors.DetectorVersions>()));
        services.AddSingleton<CandidateMiner>();
        // Re-scoring (Detectors/Rescoring.cs) and what it reads.
        services.AddSingleton(Options.Create(new global::BetterHarness.Mining.Detectors.DetectorOptions()));
        services.AddSingleton<DigestArchive>();
        services.AddSingleton<global::BetterHarness.Mining.Labels.LabelStore>();
        services.AddSingleton<CandidateWithdrawals>();
        services.AddSingleton<global::BetterHarness.Mining.Detectors.Rescoring>();
        services.AddSingleton(Options.Create(new global::BetterHarness.Mining.Judging.JudgeOptions()));
        services.AddSingleton<global::BetterHarness.Mining.Judging.JudgeStore>();
        services.AddSingleton<global::BetterHarness.Mining.Judging.JudgeIntake>();
        if (withBus)
        {
            services.AddMassTransitTestHarness(x =>
            {
                // Proposals are published by the outbox dispatcher just after the consumer's commit; on a loaded
                // machine that gap can outlast the default 1.2 s the harness takes as "idle".
                x.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromSeconds(5));
                x.AddConsumer<TracesFlaggedConsumer, TracesFlaggedConsumerDefinition>();
                x.AddConsumer<TracesClusteredConsumer, TracesClusteredConsumerDefinition>();
                x.AddConsumer<TraceFailureWithdrawnConsumer, TraceFailureWithdrawnConsumerDefinition>();
            });
            // After the bus, as in the real host: hosted services start in registration order.
            services.AddOutbox(sp => sp.GetRequiredService<MiningDatabase>().Outbox);
        }
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Polls until a matching message was published (the outbox dispatcher publishes just after the consumer's commit;
    /// the harness's Any stops waiting once it has been idle, which a busy machine can make it seem).
    /// </summary>
    public static async Task<bool> PublishedAsync<T>(ITestHarness harness, Func<T, bool> match) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (harness.Published.Select<T>().Any(m => match(m.Context.Message))) return true;
            await Task.Delay(50);
        }
        return false;
    }
}
