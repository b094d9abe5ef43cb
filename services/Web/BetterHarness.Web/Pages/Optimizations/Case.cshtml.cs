using System.Text.Json.Nodes;
using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Optimizations;

/// <summary><c>/optimizations/{id}/cases/{caseId}</c>: one case's trials under the baseline and the final harness, side by side.</summary>
public sealed class CaseModel(OptimizerClient optimizer) : PageModel
{
    public OptimizationDetail Run { get; private set; } = null!;
    public CaseComparison Case { get; private set; } = null!;
    public IReadOnlyList<JsonObject?> Before { get; private set; } = [];
    public IReadOnlyList<JsonObject?> After { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, string caseId, CancellationToken ct)
    {
        if (await optimizer.GetAsync(id, ct) is not { Report: { } report } run) return NotFound();
        if (CaseComparison.Of(report).FirstOrDefault(c => c.CaseId == caseId) is not { } found) return NotFound();
        Run = run;
        Case = found;
        Before = await Task.WhenAll(found.BeforeTranscripts.Select(t => optimizer.TranscriptAsync(id, t, ct)));
        After = await Task.WhenAll(found.AfterTranscripts.Select(t => optimizer.TranscriptAsync(id, t, ct)));
        return Page();
    }
}
