using BetterHarness.Web.Hosting;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Optimizations;

/// <summary><c>/optimizations</c>: optimisation runs, newest first, and a form to start one (simulated model).</summary>
public sealed class IndexModel(OptimizerClient optimizer) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Agent { get; set; }
    public OptimizationList Runs { get; private set; } = new([], 0);
    [TempData] public string? FlashError { get; set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Runs = await optimizer.ListAsync(string.IsNullOrWhiteSpace(Agent) ? null : Agent.Trim(), ct);

    [RequiresRole(Role.Curator)]
    public async Task<IActionResult> OnPostStartAsync(string? startAgent, int? iterations, int? trials, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(startAgent))
        {
            FlashError = "Name the agent whose current harness to optimise.";
            return RedirectToPage();
        }
        var result = await optimizer.StartAsync(startAgent.Trim(), iterations, trials, ct);
        if (!result.Ok || (string?)result.Body?["id"] is not { } id)
        {
            FlashError = $"The run was not started: {result.Error}";
            return RedirectToPage();
        }
        return Redirect($"/optimizations/{Uri.EscapeDataString(id)}");
    }
}
