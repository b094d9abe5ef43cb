using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Web.Backends;
using BetterHarness.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Detector;

/// <summary>
/// <c>/detector?agent=A</c>: an agent's correction detector. Every version with the labels it learned from, precision /
/// recall / F1 with 95% intervals (grouped cross-validation on the agent's labels) beside the shipped model's on the same
/// labels, its threshold and source; the agent's labels; the last re-scoring. An admin pins a version (an older one rolls
/// back, 0 is the shipped model), unpins, or starts a training pass; mining's API checks the role again and audits each.
/// </summary>
public sealed class IndexModel(MiningClient mining) : PageModel
{
    /// <summary>Labels listed on the page, newest first.</summary>
    public const int LabelsShown = 100;

    [BindProperty(SupportsGet = true)] public string? Agent { get; set; }
    public IReadOnlyList<DetectorAgent> Agents { get; private set; } = [];
    public DetectorState? State { get; private set; }
    public IReadOnlyList<CorrectionLabel> Labels { get; private set; } = [];
    public int LabelCount { get; private set; }
    [TempData] public string? Flash { get; set; }
    [TempData] public string? FlashError { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Agents = await mining.DetectorAgentsAsync(ct);
        Agent = string.IsNullOrWhiteSpace(Agent) ? Agents.FirstOrDefault()?.Agent : Agent.Trim();
        if (Agent is null) return Page();
        State = await mining.DetectorAsync(Agent, ct);
        var labels = await mining.AgentLabelsAsync(Agent, ct);
        LabelCount = labels.Count;
        Labels = labels.OrderByDescending(l => l.At).Take(LabelsShown).ToList();
        return Page();
    }

    [RequiresRole(Role.Admin)]
    public async Task<IActionResult> OnPostPinAsync(string agent, int version, CancellationToken ct) =>
        Done(agent, await mining.PinDetectorAsync(agent, version, ct),
            $"Version {version} {(version == 0 ? "(the shipped model) " : "")}is pinned for {agent}; its recent conversations are scored again with it.",
            $"Version {version} was not pinned");

    [RequiresRole(Role.Admin)]
    public async Task<IActionResult> OnPostUnpinAsync(string agent, CancellationToken ct) =>
        Done(agent, await mining.UnpinDetectorAsync(agent, ct), $"{agent}'s detector is unpinned: the latest version that beats the shipped model is active.",
            "The detector was not unpinned");

    [RequiresRole(Role.Admin)]
    public async Task<IActionResult> OnPostRetrainAsync(string agent, CancellationToken ct)
    {
        var result = await mining.RetrainDetectorAsync(agent, ct);
        var run = result.Body?["lastRun"];
        return Done(agent, result, $"Training pass for {agent}: {(string?)run?["reason"] ?? "done"}.", "The training pass was refused");
    }

    private IActionResult Done(string agent, WriteResult result, string ok, string refused)
    {
        if (result.Ok) Flash = ok;
        else FlashError = $"{refused}: {result.Error}";
        return Redirect("/detector?agent=" + Uri.EscapeDataString(agent));
    }
}
