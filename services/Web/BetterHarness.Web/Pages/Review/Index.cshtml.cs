using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Web.Backends;
using BetterHarness.Web.Hosting;
using BetterHarness.Web.Pages.Traces;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Review;

/// <summary>
/// <c>/review</c>: the keyboard-first review queue. The filtered list (with bulk actions) beside the selected
/// candidate: its source trace as a timeline with the correction highlighted, and its expected behaviour, graders
/// and tags as an editable form. Every decision is a plain POST that redirects back to the queue (POST-redirect-GET).
/// </summary>
public sealed class IndexModel(CurationClient curation, IngestClient ingest, MiningClient mining) : PageModel
{
    public const int ListLimit = 200;

    [BindProperty(SupportsGet = true)] public ReviewFilter Filter { get; set; } = new();
    [FromQuery(Name = "id")] public string? SelectedId { get; set; }
    public ReviewList Queue { get; private set; } = new([], 0, new Dictionary<string, int>());
    public IReadOnlyList<ReviewItem> Items { get; private set; } = [];
    public ReviewDetail? Selected { get; private set; }
    public EvalCase? Case { get; private set; }
    public Timeline? SourceTimeline { get; private set; }
    public string? SourceTraceId { get; private set; }
    public string? NextId { get; private set; }
    public string? Message { get; private set; }
    [TempData] public string? Flash { get; set; }
    [TempData] public string? FlashError { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Filter.Trace))
        {
            var trace = Filter.Trace.Trim().ToLowerInvariant();
            var found = await mining.ListAsync(null, null, null, 1, ct, trace: trace);
            Filter.Trace = null;
            if (found.Candidates is [var candidate, ..]) return Redirect(Filter.Url(candidate.Id));
            Message = $"No candidate was mined from trace {trace}.";
        }
        var uncertain = Filter.Order == "uncertain";
        // Near the threshold of the agent's active detector (the shipped model's without an agent filter).
        var threshold = uncertain && Empty(Filter.Agent) is { } agent ? (await mining.DetectorAsync(agent, ct))?.Active.Threshold : null;
        Queue = await curation.ReviewAsync(new ReviewQuery(
            Filter.Status is null or "" ? "pending" : Filter.Status, Empty(Filter.Tag), Empty(Filter.Cluster), Empty(Filter.Agent),
            Filter.MinSupport, ListLimit, uncertain ? "uncertain" : null, threshold), ct);
        Items = string.IsNullOrEmpty(Filter.Category) ? Queue.Items : Queue.Items.Where(i => i.Category == Filter.Category).ToList();
        var selectedId = SelectedId ?? Items.FirstOrDefault()?.CandidateId;
        if (selectedId is null) return Page();
        Selected = await curation.ReviewItemAsync(selectedId, ct);
        if (Selected is null)
        {
            Message = $"Candidate {selectedId} is not in the review queue.";
            return Page();
        }
        var index = Items.ToList().FindIndex(i => i.CandidateId == selectedId);
        NextId = index >= 0 && index + 1 < Items.Count ? Items[index + 1].CandidateId : null;
        Case = Selected.Case ?? await mining.GetAsync(selectedId, ct);
        if (Case?.Provenance.Sources is [var source, ..])
        {
            SourceTraceId = source.TraceId;
            if (await ingest.GetAsync(source.TraceId, ct) is { } sourceTrace) SourceTimeline = Timeline.Build(sourceTrace, source.SpanId);
        }
        return Page();
    }

    [RequiresRole(Role.Curator)]
    public async Task<IActionResult> OnPostAcceptAsync(string candidateId, string? next, string? behaviour, string? graders,
        string? tags, string? category, bool mustPass, CancellationToken ct)
    {
        var edits = new JsonObject { ["mustPass"] = mustPass };
        if (!string.IsNullOrWhiteSpace(behaviour)) edits["expected"] = new JsonObject { ["behaviour"] = behaviour.Trim() };
        if (!string.IsNullOrWhiteSpace(graders))
        {
            try
            {
                edits["graders"] = JsonNode.Parse(graders);
            }
            catch (JsonException ex)
            {
                FlashError = $"Graders are not valid JSON ({ex.Message}); nothing was accepted.";
                return Redirect(Filter.Url(candidateId));
            }
        }
        if (tags is not null) edits["tags"] = new JsonArray(SplitTags(tags).Select(t => (JsonNode)t).ToArray());
        if (!string.IsNullOrWhiteSpace(category)) edits["category"] = category.Trim();
        var result = await curation.AcceptAsync(candidateId, edits, ct);
        return Decided(result, candidateId, next, body =>
            (string?)body?["caseId"] is { } caseId
                ? $"Accepted {candidateId} as case {caseId} (revision {body!["revision"]}, snapshot {body["snapshotId"]})."
                : $"Accept recorded for {candidateId} ({body?["accepts"]} of {body?["requiredAccepts"]} accepts needed).");
    }

    [RequiresRole(Role.Curator)]
    public async Task<IActionResult> OnPostRejectAsync(string candidateId, string? next, string? reason, string? verdict, CancellationToken ct)
    {
        verdict = verdict is "not_a_correction" or "correct_but_not_useful" ? verdict : "other";
        if (verdict == "other" && string.IsNullOrWhiteSpace(reason))
        {
            FlashError = "Say why the candidate is rejected (the reason goes into the audit log).";
            return Redirect(Filter.Url(candidateId));
        }
        var result = await curation.RejectAsync(candidateId, reason?.Trim(), verdict, ct);
        return Decided(result, candidateId, next, body => $"Rejected {candidateId}: {(string?)body?["reason"] ?? reason?.Trim()}" +
            (verdict == "other" ? "" : $" (the agent's correction detector learns: {(verdict == "not_a_correction" ? "not a correction" : "a correction")})"));
    }

    /// <summary>True when the selected candidate was mined from a user correction: rejecting it can say whether that was one.</summary>
    public bool CorrectionDerived => Case?.Provenance.Sources.Any(s => s.Reason == Contracts.SignalKinds.UserCorrection) == true;

    [RequiresRole(Role.Curator)]
    public async Task<IActionResult> OnPostSkipAsync(string candidateId, string? next, CancellationToken ct)
    {
        var result = await curation.SkipAsync(candidateId, ct);
        return Decided(result, candidateId, next, _ => $"Skipped {candidateId}.");
    }

    [RequiresRole(Role.Curator)]
    public async Task<IActionResult> OnPostBulkAsync(string bulkAction, string[] ids, string? reason, CancellationToken ct)
    {
        if (ids.Length == 0)
        {
            FlashError = "Select at least one candidate for a bulk action.";
            return Redirect(Filter.Url());
        }
        if (bulkAction == "reject" && string.IsNullOrWhiteSpace(reason))
        {
            FlashError = "A bulk reject needs a reason.";
            return Redirect(Filter.Url());
        }
        var result = await curation.BulkAsync(bulkAction == "reject" ? "reject" : "accept", ids, reason?.Trim(), ct);
        if (!result.Ok) FlashError = $"The bulk {bulkAction} was refused: {result.Error}";
        else Flash = $"Bulk {bulkAction}: {ids.Length} candidate{(ids.Length == 1 ? "" : "s")}" +
                     ((string?)result.Body?["snapshotId"] is { } snapshot ? $", snapshot {snapshot}." : ".");
        return Redirect(Filter.Url());
    }

    private IActionResult Decided(WriteResult result, string candidateId, string? next, Func<JsonObject?, string> describe)
    {
        if (!result.Ok)
        {
            FlashError = $"{candidateId}: {result.Error}";
            return Redirect(Filter.Url(candidateId));
        }
        Flash = describe(result.Body);
        return Redirect(Filter.Url(string.IsNullOrEmpty(next) ? null : next));
    }

    public static IReadOnlyList<string> SplitTags(string tags) =>
        tags.Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
