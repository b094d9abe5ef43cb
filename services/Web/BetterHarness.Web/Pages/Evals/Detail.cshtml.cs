using System.Text.Json;
using System.Text.Json.Nodes;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Web.Backends;
using BetterHarness.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Evals;

/// <summary><c>/evals/{caseId}</c>: one case: content, revisions and the diff between two, edit, must-pass, retire.</summary>
public sealed class DetailModel(CurationClient curation) : PageModel
{
    public JsonObject Document { get; private set; } = null!;
    public EvalCase Case { get; private set; } = null!;
    public CaseHistory History { get; private set; } = new("", []);
    public CaseDiff? Diff { get; private set; }
    [FromQuery(Name = "revision")] public int? Revision { get; set; }
    [FromQuery(Name = "from")] public int? From { get; set; }
    [FromQuery(Name = "to")] public int? To { get; set; }
    [TempData] public string? Flash { get; set; }
    [TempData] public string? FlashError { get; set; }

    public string Field(string name) => Document[name]?.ToString() ?? "";
    public int Latest => History.Revisions.Count == 0 ? 1 : History.Revisions[^1].Revision;
    public bool IsRetired => Field("status") == "retired";

    public async Task<IActionResult> OnGetAsync(string caseId, CancellationToken ct)
    {
        var document = curation.EvalAsync(caseId, Revision, ct);
        var history = curation.HistoryAsync(caseId, ct);
        if (await document is not { } found) return NotFound();
        Document = found;
        Case = found.Deserialize<EvalCase>(BackendClient.Json)!;
        History = await history ?? new CaseHistory(caseId, []);
        if (Latest > 1 || From is not null) Diff = await curation.DiffAsync(caseId, From, To, ct);
        return Page();
    }

    [RequiresRole(Role.Curator)]
    public async Task<IActionResult> OnPostEditAsync(string caseId, string? behaviour, string? graders, string? tags, string? category, CancellationToken ct)
    {
        var edits = new JsonObject();
        if (!string.IsNullOrWhiteSpace(behaviour)) edits["expected"] = new JsonObject { ["behaviour"] = behaviour.Trim() };
        if (!string.IsNullOrWhiteSpace(graders))
        {
            try
            {
                edits["graders"] = JsonNode.Parse(graders);
            }
            catch (JsonException ex)
            {
                FlashError = $"Graders are not valid JSON ({ex.Message}); nothing was changed.";
                return RedirectToPage(new { caseId });
            }
        }
        if (tags is not null) edits["tags"] = new JsonArray(Review.IndexModel.SplitTags(tags).Select(t => (JsonNode)t).ToArray());
        if (!string.IsNullOrWhiteSpace(category)) edits["category"] = category.Trim();
        return Report(await curation.EditEvalAsync(caseId, edits, ct), caseId, "Saved");
    }

    [RequiresRole(Role.Curator)]
    public async Task<IActionResult> OnPostMustPassAsync(string caseId, bool mustPass, CancellationToken ct) =>
        Report(await curation.EditEvalAsync(caseId, new JsonObject { ["mustPass"] = mustPass }, ct), caseId,
            mustPass ? "Marked must-pass" : "No longer must-pass");

    [RequiresRole(Role.Curator)]
    public async Task<IActionResult> OnPostRetireAsync(string caseId, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            FlashError = "Say why the case is retired (e.g. saturated: every version passes it).";
            return RedirectToPage(new { caseId });
        }
        return Report(await curation.RetireAsync(caseId, reason.Trim(), ct), caseId, "Retired");
    }

    private IActionResult Report(WriteResult result, string caseId, string done)
    {
        if (result.Ok) Flash = $"{done}: revision {result.Body?["revision"]}" + ((string?)result.Body?["snapshotId"] is { } s ? $", snapshot {s}." : ".");
        else FlashError = result.Error;
        return RedirectToPage(new { caseId });
    }
}
