using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Runs;

/// <summary>
/// <c>/runs/compare?a=RUN&amp;b=RUN[&amp;case=ID]</c>: B against A — per-case win / loss / tie, per-category deltas, the
/// mean pass-rate difference with its 95 % interval and p-value; with <c>case</c>, that case's transcripts side by side.
/// </summary>
public sealed class CompareModel(EvalRunClient client) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? A { get; set; }
    [BindProperty(SupportsGet = true)] public string? B { get; set; }
    [BindProperty(SupportsGet = true, Name = "case")] public string? CaseId { get; set; }
    public ComparisonView? Comparison { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(A) || string.IsNullOrWhiteSpace(B))
        {
            Problem = "Choose two runs to compare: /runs/compare?a=RUN&b=RUN (the Runs page has a form).";
            return Page();
        }
        Comparison = await client.CompareAsync(A.Trim(), B.Trim(), CaseId, ct);
        if (Comparison is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            Problem = $"Run {A} or run {B} does not exist.";
        }
        return Page();
    }

    public string CaseHref(string caseId) =>
        $"/runs/compare?a={Uri.EscapeDataString(A!)}&b={Uri.EscapeDataString(B!)}&case={Uri.EscapeDataString(caseId)}#side-by-side";
}
