using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Production;

/// <summary>
/// <c>/production?agent=A</c>: the morning page of an ops lead. Per agent: its harness versions on a timeline with their
/// production figures (rates with 95 % intervals, drawn by uPlot), the running canary with its share, sample and the
/// sequential test's state, ended rollouts with why, and the clusters that grew or shrank from each version to the
/// next — every number links to the traces behind it. The same API calls the JSON clients make.
/// </summary>
public sealed class IndexModel(EvalRunClient harnesses, ProductionClient production) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Agent { get; set; }
    public IReadOnlyList<string> Agents { get; private set; } = [];
    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];
    public long Unknown { get; private set; }
    public RolloutView? Running { get; private set; }
    public IReadOnlyList<RolloutView> Ended { get; private set; } = [];
    public IReadOnlyList<ProductionComparison> Steps { get; private set; } = [];

    public sealed record VersionRow(HarnessVersionRow Version, VersionFigures? Figures);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Agents = await harnesses.AgentsAsync(ct);
        Agent = string.IsNullOrWhiteSpace(Agent) ? Agents.FirstOrDefault() : Agent.Trim();
        if (Agent is null) return Page();
        var versions = await harnesses.VersionsAsync(Agent, ct);
        var figures = await production.FiguresAsync(Agent, ct);
        Unknown = figures?.Unknown ?? 0;
        Versions = (versions?.Versions ?? []).OrderBy(v => v.Version)
            .Select(v => new VersionRow(v, figures?.Versions.FirstOrDefault(f => f.Version == v.Version))).ToList();
        var rollouts = await harnesses.RolloutsAsync(Agent, ct);
        Running = rollouts.Rollouts.FirstOrDefault(r => r.State == "canary");
        Ended = rollouts.Rollouts.Where(r => r.State != "canary").ToList();
        // Each version against the one before it that has traffic: what grew and what shrank.
        var measured = Versions.Where(v => v.Figures is { Traces: > 0 }).Select(v => v.Version.Version).ToList();
        var steps = new List<ProductionComparison>();
        for (var i = 1; i < measured.Count; i++)
            if (await production.CompareAsync(Agent, measured[i - 1], measured[i], ct) is { } step) steps.Add(step);
        Steps = steps;
        return Page();
    }

    public string TracesLink(int version, bool? failed = null, string? signal = null) =>
        $"/traces?agent={Uri.EscapeDataString(Agent ?? "")}&harnessVersion={version}" + (failed is { } f ? $"&failed={(f ? "true" : "false")}" : "")
        + (signal is null ? "" : "&signal=" + signal);
}
