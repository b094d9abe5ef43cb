using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Runs;

/// <summary>
/// <c>/runs/{id}</c>: progress while the run is queued or running (htmx polls the progress panel); then pass rates by
/// split, category and cluster, must-pass status, tokens and time, and every case with its trials, each linked to
/// the case page with the transcripts and grader results.
/// </summary>
public sealed class DetailModel(EvalRunClient client) : PageModel
{
    public EvalRunView Run { get; private set; } = null!;
    public IReadOnlyList<EvalRunRow> Others { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await client.RunAsync(id, ct) is not { } run) return NotFound();
        Run = run;
        Others = (await client.RunsAsync(run.Agent, ct)).Where(r => r.Id != run.Id).ToList();
        return Page();
    }

    /// <summary>The progress panel alone, polled by htmx until the run finishes; then the whole page reloads with the results.</summary>
    public async Task<IActionResult> OnGetProgressAsync(string id, CancellationToken ct)
    {
        if (await client.RunAsync(id, ct) is not { } run) return NotFound();
        if (run.Finished) Response.Headers["HX-Refresh"] = "true";
        return Partial("_RunProgress", run);
    }
}
