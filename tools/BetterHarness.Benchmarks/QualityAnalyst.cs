using BetterHarness.Clustering.Analyst;
using BetterHarness.Clustering.Domain.Reclustering;
using BetterHarness.Clustering.Domain.Signatures;
using BetterHarness.Clustering.Storage;
using BetterHarness.Contracts;
using BetterHarness.Tools.Commands;
using BetterHarness.Tools.Load;
using BetterHarness.Models;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace BetterHarness.Benchmarks;

/// <summary>
/// <c>bh quality clusters FILE --offline --analyst NAME</c>: the clustering service's failure analyst (same prompt, cache
/// and budget, on a scratch store) asks model NAME — <c>BetterHarness:Models:NAME</c> from appsettings.json or
/// <c>BetterHarness__Models__NAME__*</c> environment variables, Kind=openai — for each distinct failure's root cause, and
/// returns the points as the service would cluster them: the statement's line before the signature.
/// </summary>
public static class QualityAnalyst
{
    public static IReadOnlyList<SignaturePoint> Points(string name, IReadOnlyList<TraceDigest> digests, IReadOnlyList<(string TraceId, FailureSignature Signature)> signatures)
    {
        var model = ModelOf(name);
        var dir = Path.Combine(Path.GetTempPath(), "bh-quality-analyst-" + Guid.NewGuid().ToString("N"));
        try
        {
            var db = ClusteringDatabase.Open(dir);
            AnalystWorkbench.Seed(db, [.. digests.Zip(signatures, (d, s) => (d, s.Signature))]);
            var (chat, provider) = AnalystWorkbench.Chat(name, model);
            using (provider)
            {
                var analyst = AnalystWorkbench.Analyst(db, chat, new AnalystOptions { Model = name, BatchSize = 100 });
                var (seconds, calls, last) = AnalystWorkbench.PassesAsync(analyst, CancellationToken.None).GetAwaiter().GetResult();
                if (last.Failed) throw new CommandFailedException($"model '{name}' failed: {analyst.LastError}. Check BetterHarness:Models:{name} (BaseUrl, Model, ApiKey).");
                if (last.BudgetExhausted) throw new CommandFailedException($"the analyst's default day budget ran out after {calls} calls; score a smaller file.");
                AnsiConsole.MarkupLine($"LLM analyst ({Markup.Escape(name)}): {calls} calls in {seconds:F1} s");
            }
            var analysed = new AnalysisStore(db).AnalysedHashes(name, signatures.Select(s => s.Signature.Hash));
            var texts = new SignatureStore(db).Find(analysed.Values);
            return QualityOffline.EmbedDistinct([.. signatures.Select(x => analysed.TryGetValue(x.Signature.Hash, out var h)
                ? (x.TraceId, h, texts[h].Text, x.Signature.DominantKind)
                : (x.TraceId, x.Signature.Hash, x.Signature.Text, x.Signature.DominantKind))], "with the analyst's statements");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    private static ModelOptions ModelOf(string name)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath("appsettings.json"), optional: true).AddEnvironmentVariables().Build();
        var model = configuration.GetSection($"BetterHarness:Models:{name}").Get<ModelOptions>();
        if (model is null) throw new CommandFailedException($"BetterHarness:Models:{name} is not configured: set BetterHarness__Models__{name}__Kind=openai, __BaseUrl and __Model (or appsettings.json).");
        if (model.Kind != "openai") throw new CommandFailedException($"BetterHarness:Models:{name} is Kind={model.Kind}; the failure analyst needs Kind=openai.");
        return model.Problem(name) is { } problem ? throw new CommandFailedException(problem) : model;
    }
}
