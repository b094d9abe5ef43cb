using BetterHarness.Clustering.Storage;
using Microsoft.Extensions.Options;

namespace BetterHarness.Clustering.Analyst;

/// <summary>The configured analyst model's statements for given failed traces, for the API; none when the analyst is off.</summary>
public sealed class FailureAnalyses(AnalysisStore store, IOptions<AnalystOptions> options)
{
    public IReadOnlyDictionary<string, FailureAnalysis> For(IEnumerable<string> traceIds)
    {
        if (!options.Value.Enabled) return new Dictionary<string, FailureAnalysis>();
        var model = options.Value.Model!;
        return store.StatementsOf(model, traceIds).ToDictionary(kv => kv.Key, kv => new FailureAnalysis(kv.Value, model), StringComparer.Ordinal);
    }
}

/// <summary>An LLM's root-cause statement for a failed trace and the configured model name that gave it.</summary>
public sealed record FailureAnalysis(string Statement, string Model);
