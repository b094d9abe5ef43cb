using BetterHarness.Ingest.Assembly;
using BetterHarness.Ingest.Domain.Harnesses;
using BetterHarness.Ingest.Storage;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Ingest.Harnesses;

/// <summary>
/// After ingest learns a version, decides again — with the same <see cref="HarnessAttributor"/> the completion sweep uses,
/// exact content first, then near-match — the traces of its agent that were attributed by content alone and not exactly:
/// those left <c>unknown</c> and those near-matched to another version (the new one may be closer, or make the choice a
/// tie). Traces with the same content fingerprint have the same instructions and tools, so one trace per fingerprint is
/// read back from its stored spans and its decision applies to all of them. A fingerprint whose spans are gone (retention)
/// keeps its attribution. The declared attribute is not re-read: a trace that declared a version the agent did not have
/// yet stays as content decided it.
/// </summary>
public sealed class HarnessClaims(IngestDatabase database, TraceStore traces, HarnessCatalog catalog, IOptions<IngestOptions> options,
    ILogger<HarnessClaims> logger)
{
    private const string Undecided = """
        (agent_name = @agent OR service_name = @agent) AND harness_fingerprint IS NOT NULL
          AND (harness_attribution = 'unknown' OR (harness_attribution = 'content' AND harness_similarity < 1))
        """;

    /// <summary>Re-attributes the agent's undecided traces; returns how many changed.</summary>
    public int Claim(string agent)
    {
        var versions = catalog.For(agent);
        if (versions.Count == 0) return 0;
        using var c = database.Database.Open();
        var fingerprints = c.Query<(string Fingerprint, string TraceId)>(
            $"SELECT harness_fingerprint, min(trace_id) FROM traces WHERE {Undecided} GROUP BY harness_fingerprint", new { agent }).ToList();
        if (fingerprints.Count == 0) return 0;
        var attributor = new HarnessAttributor(options.Value.HarnessNearMatchThreshold);
        var changed = 0;
        foreach (var chunk in fingerprints.Chunk(200))
        {
            var spans = traces.LoadSpans([.. chunk.Select(f => f.TraceId)]);
            using var tx = c.BeginTransaction();
            foreach (var (fingerprint, traceId) in chunk)
            {
                if (spans.GetValueOrDefault(traceId) is not { Count: > 0 } stored) continue;
                var trace = SafeEvaluation.Normalize(traceId, stored, [], logger);
                var decided = attributor.Attribute(null, trace.SystemInstructions, trace.ToolDefinitions, versions);
                changed += c.Execute($"""
                    UPDATE traces SET harness_version = @Version, harness_attribution = @Kind, harness_similarity = @Similarity
                    WHERE {Undecided} AND harness_fingerprint = @fingerprint
                      AND NOT (harness_attribution = @Kind AND harness_version IS NOT DISTINCT FROM @Version
                               AND harness_similarity IS NOT DISTINCT FROM @Similarity)
                    """, new { agent, fingerprint, decided.Version, decided.Kind, decided.Similarity }, tx);
            }
            tx.Commit();
        }
        return changed;
    }
}
