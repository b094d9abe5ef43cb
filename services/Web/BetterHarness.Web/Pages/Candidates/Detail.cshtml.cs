using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Candidates;

/// <summary><c>/candidates/{id}</c>: one candidate eval case: input conversation, expected behaviour, graders, sources.</summary>
public sealed class DetailModel(MiningClient mining) : PageModel
{
    public EvalCase Case { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await mining.GetAsync(id, ct) is not { } found) return NotFound();
        Case = found;
        return Page();
    }
}
