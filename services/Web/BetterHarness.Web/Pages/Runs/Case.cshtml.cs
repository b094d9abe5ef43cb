using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Runs;

/// <summary><c>/runs/{id}/cases/{caseId}</c>: every trial of one case — its grader results and the full transcript.</summary>
public sealed class CaseModel(EvalRunClient client) : PageModel
{
    public EvalRunView Run { get; private set; } = null!;
    public RunCaseView Case { get; private set; } = null!;
    public IReadOnlyList<(RunTrialView Trial, TranscriptBody? Transcript)> Trials { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, string caseId, CancellationToken ct)
    {
        if (await client.RunAsync(id, ct) is not { } run) return NotFound();
        if (run.Cases.FirstOrDefault(c => c.CaseId == caseId) is not { } found) return NotFound();
        Run = run;
        Case = found;
        var transcripts = await Task.WhenAll(found.Trials.Select(t => client.TranscriptAsync(t.TranscriptId, ct)));
        Trials = found.Trials.Zip(transcripts, (t, x) => (t, x?.Transcript)).ToList();
        return Page();
    }
}
