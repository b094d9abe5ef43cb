using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Web.Backends;
using BetterHarness.Web.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Evals;

/// <summary><c>/evals</c>: the eval store: cases (filtered), composition by category × split, snapshots, export and import.</summary>
[BulkBody]
public sealed class IndexModel(CurationClient curation) : PageModel
{
    public const int ListLimit = 500;

    [BindProperty(SupportsGet = true)] public string? Agent { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Split { get; set; }
    [BindProperty(SupportsGet = true)] public bool? MustPass { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    public EvalList Cases { get; private set; } = new([], 0);
    public Composition Composition { get; private set; } = new([], new CompositionTotals(0, 0, 0, 0));
    public IReadOnlyList<Snapshot> Snapshots { get; private set; } = [];
    [TempData] public string? Flash { get; set; }
    [TempData] public string? FlashError { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var agent = Empty(Agent);
        var cases = curation.EvalsAsync(new EvalQuery(agent, Empty(Category), Empty(Split), MustPass, Empty(Status) ?? "active", Empty(Tag), ListLimit), ct);
        var composition = curation.CompositionAsync(agent, ct);
        var snapshots = curation.SnapshotsAsync(agent, 20, ct);
        Cases = await cases;
        Composition = await composition;
        Snapshots = (await snapshots).Snapshots;
    }

    /// <summary>JSON lines of the active set or of one snapshot, streamed from curation as a download.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? snapshot, CancellationToken ct)
    {
        var response = await curation.ExportAsync(Empty(snapshot), ct);
        if (response is null) return NotFound();
        HttpContext.Response.RegisterForDispose(response);
        var name = snapshot is null ? "evals-active.jsonl" : $"evals-{snapshot}.jsonl";
        return File(await response.Content.ReadAsStreamAsync(ct), "application/x-ndjson", name);
    }

    [RequiresRole(Role.Curator)]
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, string? importAgent, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            FlashError = "Choose a .jsonl file to import (one case per line in the public case schema).";
            return RedirectToPage();
        }
        await using var stream = file.OpenReadStream();
        var result = await curation.ImportAsync(stream, Empty(importAgent), ct);
        if (result.Ok) Flash = $"Imported {file.FileName}: {result.Body?["created"]} new, {result.Body?["updated"]} updated, " +
                               $"{result.Body?["unchanged"]} unchanged; snapshot {result.Body?["snapshotId"]}.";
        else FlashError = $"Nothing was imported from {file.FileName}: {result.Error}" + Lines(result);
        return RedirectToPage();
    }

    private static string Lines(WriteResult result) =>
        result.Body?["errors"] is System.Text.Json.Nodes.JsonArray errors
            ? " " + string.Join("; ", errors.Take(10).Select(e => e?.ToJsonString()))
            : "";

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
