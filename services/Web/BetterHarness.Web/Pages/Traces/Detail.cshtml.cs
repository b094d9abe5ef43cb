using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Traces;

/// <summary>
/// <c>/traces/{traceId}</c>: one trace as a conversation timeline, its signals, errors, feedback and spans, and for a
/// failure its cluster and the LLM analyst's root cause when there is one.
/// </summary>
public sealed class DetailModel(IngestClient ingest, MiningClient mining, ClusteringClient clustering) : PageModel
{
    public TraceDetail Trace { get; private set; } = null!;
    public Timeline Timeline { get; private set; } = null!;
    public IReadOnlyList<CandidateSummary> Candidates { get; private set; } = [];

    /// <summary>Null when the trace never reached clustering (it did not fail) or clustering is unreachable.</summary>
    public TraceAssignment? Assignment { get; private set; }

    /// <summary>The assigned cluster's label, when there is one.</summary>
    public string? ClusterLabel { get; private set; }

    /// <summary>Why the cluster is not shown when the clustering service did not answer; the rest of the page still is.</summary>
    public string? ClusteringUnavailable { get; private set; }

    public async Task<IActionResult> OnGetAsync(string traceId, CancellationToken ct)
    {
        traceId = traceId.Trim().ToLowerInvariant();
        if (traceId.Length != 32 || !traceId.All(char.IsAsciiHexDigit)) return NotFound();
        var candidates = mining.ListAsync(null, null, null, 100, ct, trace: traceId);
        var assignment = AssignmentAsync(traceId, ct);
        var found = await ingest.GetAsync(traceId, ct);
        await assignment;
        if (found is not { } trace) return NotFound();
        Trace = trace;
        Timeline = Timeline.Build(trace);
        Candidates = (await candidates).Candidates;
        return Page();
    }

    /// <summary>The failure's cluster, its label and the analyst's statement; a clustering service that does not answer, or
    /// answers what this page cannot read, costs only this part of the page.</summary>
    private async Task AssignmentAsync(string traceId, CancellationToken ct)
    {
        try
        {
            Assignment = await clustering.AssignmentAsync(traceId, ct);
            if (Assignment?.ClusterId is { } clusterId) ClusterLabel = (await clustering.GetAsync(clusterId, 1, ct))?.Cluster.Label;
        }
        catch (Exception e) when (e is BackendUnavailableException or BackendRefusedException or System.Text.Json.JsonException)
        {
            ClusteringUnavailable = e.Message;
        }
    }
}
