using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Web.Backends;
using BetterHarness.Web.Hosting;
using Microsoft.AspNetCore.Http;
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

    /// <summary>The user turn selected (after labelling one, the page comes back with it selected).</summary>
    [FromQuery(Name = "turn")] public int? SelectedTurn { get; set; }

    /// <summary>Why labels are not shown when mining did not answer for them; the rest of the page still is.</summary>
    public string? LabelsUnavailable { get; private set; }

    /// <summary>The trace's id as asked for (also when it aged out and <see cref="Trace"/> is not there).</summary>
    public string TraceId { get; private set; } = "";

    /// <summary>Ingest's word that the trace aged out (retention); the page then shows only what other services kept.</summary>
    public string? AgedOut { get; private set; }

    [TempData] public string? Flash { get; set; }
    [TempData] public string? FlashError { get; set; }

    public async Task<IActionResult> OnGetAsync(string traceId, CancellationToken ct)
    {
        traceId = traceId.Trim().ToLowerInvariant();
        if (!IsTraceId(traceId)) return NotFound();
        var candidates = mining.ListAsync(null, null, null, 100, ct, trace: traceId);
        var labels = LabelsAsync(traceId, ct);
        var assignment = AssignmentAsync(traceId, ct);
        TraceId = traceId;
        TraceDetail? found;
        try { found = await ingest.GetAsync(traceId, ct); }
        catch (BackendRefusedException e) when (e.Status == StatusCodes.Status410Gone)
        {
            await Task.WhenAll(assignment, labels);
            AgedOut = e.Reason;
            Candidates = (await candidates).Candidates;
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }
        await assignment;
        if (found is not { } trace) return NotFound();
        Trace = trace;
        var agent = trace.AgentName ?? trace.ServiceName ?? "unknown";
        Timeline = Timeline.Build(trace) with
        {
            Labelling = new TurnLabelling(agent, traceId, User.May(Role.Curator) && LabelsUnavailable is null, SelectedTurn,
                (await labels).ToLookup(l => l.UserTurn)),
        };
        Candidates = (await candidates).Candidates;
        return Page();
    }

    /// <summary>Marks user turn <paramref name="userTurn"/> as a correction or not, for the trace's agent; back to the same turn.</summary>
    [RequiresRole(Role.Curator)]
    public async Task<IActionResult> OnPostLabelAsync(string traceId, int userTurn, bool isCorrection, string agent, CancellationToken ct)
    {
        traceId = traceId.Trim().ToLowerInvariant();
        if (!IsTraceId(traceId)) return NotFound();
        var result = await mining.LabelAsync(agent, traceId, userTurn, isCorrection, ct);
        if (result.Ok) Flash = $"User turn {userTurn} labelled {(isCorrection ? "a correction" : "not a correction")} for {agent}.";
        else FlashError = $"User turn {userTurn} was not labelled: {result.Error}";
        return Redirect($"/traces/{traceId}?turn={userTurn}#user-turn-{userTurn}");
    }

    private async Task<IReadOnlyList<CorrectionLabel>> LabelsAsync(string traceId, CancellationToken ct)
    {
        try { return await mining.TraceLabelsAsync(traceId, ct); }
        catch (Exception e) when (e is BackendUnavailableException or System.Text.Json.JsonException)
        {
            LabelsUnavailable = e.Message;
            return [];
        }
    }

    private static bool IsTraceId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigit);

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
