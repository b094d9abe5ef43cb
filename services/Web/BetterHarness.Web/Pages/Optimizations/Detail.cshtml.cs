using BetterHarness.Web.Hosting;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Optimizations;

/// <summary>
/// <c>/optimizations/{id}</c>: progress while it runs; then the report — baseline and final on both splits, the
/// optimisation–holdout gap per category, every iteration with its diff, decision, statistics and lint flags, and
/// every case before and after (linked to its transcripts side by side); approve or reject.
/// </summary>
public sealed class DetailModel(OptimizerClient optimizer, ProductionClient production) : PageModel
{
    public OptimizationDetail Run { get; private set; } = null!;
    /// <summary>The produced version against the one the run started from, on production traffic (null: not measurable yet).</summary>
    public ProductionComparison? Production { get; private set; }
    public IReadOnlyList<CaseComparison> Cases { get; private set; } = [];
    [TempData] public string? Flash { get; set; }
    [TempData] public string? FlashError { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await optimizer.GetAsync(id, ct) is not { } run) return NotFound();
        Run = run;
        Cases = run.Report is { } report ? CaseComparison.Of(report) : [];
        if (run is { BaseVersion: { } from, HarnessVersion: { } to } && from != to)
        {
            // Production is another service: the page still shows the eval report when it cannot answer.
            try { Production = await production.CompareAsync(run.Agent, from, to, ct); }
            catch (BackendUnavailableException) { Production = null; }
        }
        return Page();
    }

    /// <summary>The progress panel alone, polled by htmx while the run is not finished.</summary>
    public async Task<IActionResult> OnGetProgressAsync(string id, CancellationToken ct)
    {
        if (await optimizer.GetAsync(id, ct) is not { } run) return NotFound();
        if (run.Finished) Response.Headers["HX-Refresh"] = "true";
        return Partial("_Progress", run);
    }

    [RequiresRole(Role.Curator)]
    public async Task<IActionResult> OnPostApproveAsync(string id, CancellationToken ct)
    {
        var result = await optimizer.ApproveAsync(id, ct);
        if (result.Ok) Flash = $"Approved: harness version {result.Body?["harnessVersion"]} is now current for {result.Body?["agent"]}.";
        else FlashError = $"Not approved: {result.Error}";
        return Redirect($"/optimizations/{Uri.EscapeDataString(id)}");
    }

    [RequiresRole(Role.Curator)]
    public async Task<IActionResult> OnPostRejectAsync(string id, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) FlashError = "Say why the version is rejected.";
        else
        {
            var result = await optimizer.RejectAsync(id, reason.Trim(), ct);
            if (result.Ok) Flash = "Rejected.";
            else FlashError = $"Not rejected: {result.Error}";
        }
        return Redirect($"/optimizations/{Uri.EscapeDataString(id)}");
    }
}
