using System.Globalization;
using System.Text.RegularExpressions;
using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Audit;

/// <summary>
/// <c>/audit?actor=&amp;action=&amp;subject=&amp;until=</c>: who did what, and when, across every service: reviews and cases,
/// harness versions, rollouts (started, promoted, rolled back — by a person or automatically), optimisations, eval runs,
/// imports, correction labels, detectors and re-clusterings.
/// </summary>
public sealed partial class IndexModel(AuditSources sources) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true, Name = "action")] public string? ActionName { get; set; }
    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }
    [BindProperty(SupportsGet = true)] public DateTimeOffset? Until { get; set; }
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public IReadOnlyList<string> Unavailable { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        (Entries, Unavailable) = await sources.ReadAsync(new AuditFilter(Empty(Actor), Empty(ActionName), Empty(Subject), Until, PageSize), ct);

    /// <summary>Where an entry's subject leads, by what kind of thing it is; null when it has no page.</summary>
    public static string? Link(AuditEntry e)
    {
        var subject = Uri.EscapeDataString(e.Subject);
        if (e.Subject.StartsWith("cand_", StringComparison.Ordinal)) return "/candidates/" + subject;
        return e.Service switch
        {
            "curation" => "/evals/" + subject,
            "optimizer" when e.Action.StartsWith("rollout.", StringComparison.Ordinal) =>
                RolloutAgent().Match(e.Detail ?? "") is { Success: true } m ? "/production?agent=" + Uri.EscapeDataString(m.Groups[1].Value) : "/production",
            "optimizer" when e.Action.StartsWith("optimization.", StringComparison.Ordinal) => "/optimizations/" + subject,
            "optimizer" when e.Action.StartsWith("evalrun.", StringComparison.Ordinal) => "/runs/" + subject,
            "optimizer" when e.Action == "harness.current" => "/harness?agent=" + subject,
            "optimizer" => "/harness",
            "mining" when e.Action == "correction.label" => "/traces/" + Uri.EscapeDataString(e.Subject.Split('#')[0]),
            "clustering" => "/clusters",
            _ => null,
        };
    }

    public string OlderUrl() => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/audit",
        new Dictionary<string, string?>
        {
            ["actor"] = Actor, ["action"] = ActionName, ["subject"] = Subject,
            ["until"] = Entries[^1].At.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        }.Where(kv => !string.IsNullOrEmpty(kv.Value)));

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Rollout entries say "agent NAME: …" or "agent NAME, …" (<c>RolloutStore</c>).</summary>
    [GeneratedRegex(@"^agent (\S+?)[,:]")]
    private static partial Regex RolloutAgent();
}
