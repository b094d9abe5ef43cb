using BetterHarness.Web.Hosting;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Runs;

/// <summary>
/// <c>/runs</c>: eval runs, newest first; a form to start one (agent, harness version, snapshot, split / category /
/// must-pass filter, model — the simulation labelled as such — and trials); a form to compare two runs.
/// </summary>
public sealed class IndexModel(EvalRunClient client, CurationClient curation) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Agent { get; set; }
    [BindProperty(SupportsGet = true)] public int? Version { get; set; }
    public IReadOnlyList<EvalRunRow> Runs { get; private set; } = [];
    public IReadOnlyList<string> Agents { get; private set; } = [];
    public IReadOnlyList<ModelChoice> Models { get; private set; } = [];
    public IReadOnlyList<Snapshot> Snapshots { get; private set; } = [];
    public IReadOnlyList<string> Categories { get; private set; } = [];
    [TempData] public string? FlashError { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var runs = client.RunsAsync(null, ct);
        var agents = client.AgentsAsync(ct);
        var models = client.ModelsAsync(ct);
        var snapshots = curation.SnapshotsAsync(null, 50, ct);
        var composition = curation.CompositionAsync(null, ct);
        Runs = await runs;
        Agents = await agents;
        Models = await models;
        Snapshots = (await snapshots).Snapshots;
        Categories = (await composition).Categories.Select(c => c.Category).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Agent ??= Agents.FirstOrDefault();
    }

    [RequiresRole(Role.Curator)]
    public async Task<IActionResult> OnPostStartAsync(string? agent, int? version, string? snapshotId, string? split, string? category,
        bool mustPassOnly, string? model, int? trials, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(agent))
        {
            FlashError = "Choose the agent whose harness to run.";
            return RedirectToPage();
        }
        var form = new StartRunForm(agent.Trim(), version, Blank(snapshotId), Blank(split), Blank(category), mustPassOnly,
            Blank(model) ?? "simulated", trials);
        var result = await client.StartAsync(form, ct);
        if (!result.Ok || (string?)result.Body?["id"] is not { } id)
        {
            FlashError = $"The run was not started: {result.Error}";
            return Redirect($"/runs?agent={Uri.EscapeDataString(form.Agent)}#start");
        }
        return Redirect($"/runs/{Uri.EscapeDataString(id)}");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
