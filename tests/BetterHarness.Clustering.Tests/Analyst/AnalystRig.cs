using BetterHarness.Clustering.Analyst;
using BetterHarness.Clustering.Engine;
using BetterHarness.Clustering.Storage;
using BetterHarness.Models;
using BetterHarness.Contracts;
using BetterHarness.ServiceDefaults.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BetterHarness.Clustering.Tests.Analyst;

/// <summary>
/// The clustering engine and the failure analyst over one store (SQLite in a temporary dir unless given), a fake clock
/// and a fake model, as the module wires them. A second rig on the same <see cref="Databases"/> is a restart.
/// </summary>
public sealed class AnalystRig
{
    public AnalystRig(FakeChatClient chat, AnalystOptions? analyst = null, Databases? databases = null, FakeTimeProvider? time = null)
    {
        Databases = databases ?? Databases.Sqlite(Path.Combine(Path.GetTempPath(), "bh-analyst-test-" + Guid.NewGuid().ToString("N")));
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        Chat = chat;
        Options = Microsoft.Extensions.Options.Options.Create(analyst ?? new AnalystOptions { Model = "fake" });
        var db = ClusteringDatabase.Open(Databases);
        Failures = new FailureStore(db);
        Signatures = new SignatureStore(db);
        Analyses = new AnalysisStore(db);
        Clusters = new ClusterStore(db);
        var clustering = Microsoft.Extensions.Options.Options.Create(new ClusteringOptions { MinClusterSize = 1 });
        var spikes = new SpikeWatch(new ClusterQueries(db), Clusters, clustering, Time);
        Engine = new ClusteringEngine(Failures, Signatures, Clusters, new SignatureEmbeddings(Embedder, Signatures),
            new AnalysedSignatures(Analyses, Options), spikes, clustering, Time, NullLogger<ClusteringEngine>.Instance);
        Budget = new DailyTokenBudget("failure analyst", Analyses.TokensSince, () => Options.Value, Time, NullLogger<DailyTokenBudget>.Instance);
        Analyst = new FailureAnalyst(new AnalystChat(Options.Value.Model ?? "", chat), Analyses, Signatures, Budget, Options, Time,
            NullLogger<FailureAnalyst>.Instance);
        Lookup = new FailureAnalyses(Analyses, Options);
    }

    public HashingEmbedder Embedder { get; } = new();
    public Databases Databases { get; }
    public FakeTimeProvider Time { get; }
    public FakeChatClient Chat { get; }
    public IOptions<AnalystOptions> Options { get; }
    public FailureStore Failures { get; }
    public SignatureStore Signatures { get; }
    public AnalysisStore Analyses { get; }
    public ClusterStore Clusters { get; }
    public ClusteringEngine Engine { get; }
    public DailyTokenBudget Budget { get; }
    public FailureAnalyst Analyst { get; }
    public FailureAnalyses Lookup { get; }

    public Task IngestAsync(params TraceDigest[] digests) => Engine.IngestAsync(digests, default);

    public Task<AnalystPass> PassAsync() => Analyst.RunOnceAsync(default);

    public string? Statement(string traceId) => Lookup.For([traceId]).GetValueOrDefault(traceId)?.Statement;
}
