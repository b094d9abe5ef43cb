using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Audit;

/// <summary><c>/audit?actor=&amp;action=&amp;subject=&amp;before=</c>: who accepted, edited, rejected, retired or imported what, and when.</summary>
public sealed class IndexModel(CurationClient curation) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true, Name = "action")] public string? ActionName { get; set; }
    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Entries = (await curation.AuditAsync(Empty(Actor), Empty(ActionName), Empty(Subject), Before, PageSize, ct)).Entries;

    /// <summary>Where a subject id leads: candidates to their page, anything else (cases) to the store.</summary>
    public static string Link(string subject) =>
        subject.StartsWith("cand_", StringComparison.Ordinal) ? "/candidates/" + subject : "/evals/" + Uri.EscapeDataString(subject);

    public string OlderUrl() => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/audit",
        new Dictionary<string, string?> { ["actor"] = Actor, ["action"] = ActionName, ["subject"] = Subject, ["before"] = Entries[^1].Id.ToString() }
            .Where(kv => !string.IsNullOrEmpty(kv.Value)));

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
