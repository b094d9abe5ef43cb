using BetterHarness.Web.Hosting;
using BetterHarness.ServiceDefaults.Security;
using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Harness;

/// <summary>
/// <c>/harness?agent=A&amp;v=N</c>: agents with harness versions; one agent's versions (parent, author, reason, model
/// profile, which is current); one version's instructions, tools and readable diff to its parent; an admin makes a
/// version current.
/// </summary>
public sealed class IndexModel(EvalRunClient client) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Agent { get; set; }
    [BindProperty(SupportsGet = true, Name = "v")] public int? Version { get; set; }
    public IReadOnlyList<string> Agents { get; private set; } = [];
    public HarnessVersionList? Versions { get; private set; }
    public HarnessVersionDetail? Selected { get; private set; }
    [TempData] public string? Flash { get; set; }
    [TempData] public string? FlashError { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Agents = await client.AgentsAsync(ct);
        Agent = string.IsNullOrWhiteSpace(Agent) ? Agents.FirstOrDefault() : Agent.Trim();
        if (Agent is null) return Page();
        Versions = await client.VersionsAsync(Agent, ct);
        if (Versions is null) return Page();
        var version = Version ?? Versions.Current ?? Versions.Versions.Max(v => v.Version);
        Selected = await client.VersionAsync(Agent, version, ct);
        return Page();
    }

    [RequiresRole(Role.Curator)]
    public async Task<IActionResult> OnPostDeriveAsync(string? agent, CancellationToken ct)
    {
        agent = agent?.Trim();
        if (string.IsNullOrEmpty(agent))
        {
            FlashError = "Name the agent (its service or gen_ai.agent.name) to derive a harness from its traces.";
            return Redirect("/harness");
        }
        var result = await client.DeriveFromTracesAsync(agent, ct);
        if (!result.Ok)
        {
            FlashError = $"No harness was derived for {agent}: {result.Error}";
            return Redirect("/harness");
        }
        var version = (int?)result.Body?["version"];
        var created = (bool?)result.Body?["created"] ?? true;
        Flash = created
            ? $"Version {version} of {agent} derived from {(int?)result.Body?["tracesUsed"]} production trace(s)."
            : $"The traces of {agent} carry what version {version} already holds; nothing new was created.";
        return Redirect($"/harness?agent={Uri.EscapeDataString(agent)}&v={version}");
    }

    [RequiresRole(Role.Admin)]
    public async Task<IActionResult> OnPostCurrentAsync(string agent, int version, CancellationToken ct)
    {
        var result = await client.MakeCurrentAsync(agent, version, ct);
        if (result.Ok) Flash = $"Version {version} is now the current harness of {agent}: agents polling /api/harness/current get it.";
        else FlashError = $"Version {version} was not made current: {result.Error}";
        return Redirect($"/harness?agent={Uri.EscapeDataString(agent)}&v={version}");
    }
}
