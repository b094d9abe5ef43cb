using System.Diagnostics;
using BetterHarness.Clustering.Analyst;
using BetterHarness.Clustering.Domain.Signatures;
using BetterHarness.Clustering.Storage;
using BetterHarness.Contracts;
using BetterHarness.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace BetterHarness.Benchmarks;

/// <summary>
/// The clustering service's failure analyst outside the service, for the CLI: a scratch clustering store seeded with
/// failures, the configured model's chat client, and passes until every failure is answered. The bench and
/// <c>bh quality clusters --offline --analyst</c> run exactly the service's prompt, cache and budget this way.
/// </summary>
public static class AnalystWorkbench
{
    /// <summary>Stores the failures and their signatures, as the engine does on arrival (without embedding).</summary>
    public static void Seed(ClusteringDatabase db, IReadOnlyList<(TraceDigest Digest, FailureSignature Signature)> failures)
    {
        new SignatureStore(db).Add(failures.Select(b => b.Signature).DistinctBy(s => s.Hash).Select(s => (s.Hash, s.Text, s.DominantKind)));
        new FailureStore(db).Upsert([.. failures.Select((b, i) => new FailureRow(b.Digest.TraceId.ToLowerInvariant(), 1, b.Signature.Hash,
            b.Digest.ServiceName, b.Digest.AgentName, string.Join(',', b.Signature.Kinds), "", b.Digest.CompletedAt.ToUnixTimeMilliseconds(), i))]);
    }

    /// <summary>The chat client of model <paramref name="name"/> (Kind=openai) with its retries, as the service makes it.</summary>
    public static (AnalystChat Chat, ServiceProvider Provider) Chat(string name, ModelOptions model)
    {
        var services = new ServiceCollection();
        ModelRegistration.AddModelHttpClient(services, name, model);
        services.AddSingleton<OpenAiChatClients>();
        var provider = services.BuildServiceProvider();
        return (new AnalystChat(name, provider.GetRequiredService<OpenAiChatClients>().Create(name, model)), provider);
    }

    public static FailureAnalyst Analyst(ClusteringDatabase db, AnalystChat chat, AnalystOptions options)
    {
        var analyses = new AnalysisStore(db);
        var wrapped = Options.Create(options);
        var budget = new DailyTokenBudget("failure analyst", analyses.TokensSince, () => wrapped.Value, TimeProvider.System, NullLogger<DailyTokenBudget>.Instance);
        return new FailureAnalyst(chat, analyses, new SignatureStore(db), budget, wrapped, TimeProvider.System, NullLogger<FailureAnalyst>.Instance);
    }

    /// <summary>Passes until one does nothing (or stops at an error or the budget); seconds and calls made.</summary>
    public static async Task<(double Seconds, long Calls, AnalystPass Last)> PassesAsync(FailureAnalyst analyst, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var last = new AnalystPass();
        await AnsiConsole.Status().StartAsync("analysing…", async status =>
        {
            while ((last = await analyst.RunOnceAsync(ct)) is { Failed: false, BudgetExhausted: false } and ({ Calls: > 0 } or { CacheHits: > 0 }))
                status.Status($"analysing… {analyst.Calls:N0} calls");
        });
        return (clock.Elapsed.TotalSeconds, analyst.Calls, last);
    }
}
