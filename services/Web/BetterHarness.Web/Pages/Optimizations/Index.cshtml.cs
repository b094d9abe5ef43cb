using BetterHarness.Web.Hosting;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Optimizations;

/// <summary><c>/optimizations</c>: optimisation runs, newest first, and a form to start one with any configured model.</summary>
public sealed class IndexModel(OptimizerClient optimizer, EvalRunClient evalRuns) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Agent { get; set; }
    public OptimizationList Runs { get; private set; } = new([], 0);
    public IReadOnlyList<ModelChoice> Models { get; private set; } = [];
    [TempData] public string? FlashError { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var runs = optimizer.ListAsync(string.IsNullOrWhiteSpace(Agent) ? null : Agent.Trim(), ct);
        var models = evalRuns.ModelsAsync(ct);
        Runs = await runs;
        Models = await models;
    }

    [RequiresRole(Role.Curator)]
    public async Task<IActionResult> OnPostStartAsync(string? startAgent, int? iterations, int? trials, string? model, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(startAgent))
        {
            FlashError = "Name the agent whose current harness to optimise.";
            return RedirectToPage();
        }
        var result = await optimizer.StartAsync(startAgent.Trim(), iterations, trials, string.IsNullOrWhiteSpace(model) ? null : model.Trim(), ct);
        if (!result.Ok || (string?)result.Body?["id"] is not { } id)
        {
            FlashError = $"The run was not started: {result.Error}";
            return RedirectToPage();
        }
        return Redirect($"/optimizations/{Uri.EscapeDataString(id)}");
    }
}
