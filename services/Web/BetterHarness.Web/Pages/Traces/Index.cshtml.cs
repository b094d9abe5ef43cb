using System.Globalization;
using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Traces;

/// <summary><c>/traces?q=&amp;signal=&amp;service=&amp;since=&amp;until=&amp;failed=&amp;agent=&amp;harnessVersion=&amp;attribution=</c>: search by id, signal, service, time and harness version.</summary>
public sealed class IndexModel(IngestClient ingest) : PageModel
{
    /// <summary>The signal filter's choices: corrections first (what curators look for), then the rest, most telling first.</summary>
    public static IReadOnlyList<string> SignalKinds { get; } =
        [Contracts.SignalKinds.UserCorrection, .. Contracts.SignalKinds.All.Where(k => k != Contracts.SignalKinds.UserCorrection)];

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Signal { get; set; }
    [BindProperty(SupportsGet = true)] public string? Service { get; set; }
    [BindProperty(SupportsGet = true)] public string? Since { get; set; }
    [BindProperty(SupportsGet = true)] public string? Until { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Failed { get; set; }
    [BindProperty(SupportsGet = true)] public int Limit { get; set; } = 50;
    [BindProperty(SupportsGet = true)] public string? Agent { get; set; }
    [BindProperty(SupportsGet = true)] public int? HarnessVersion { get; set; }
    [BindProperty(SupportsGet = true)] public string? Attribution { get; set; }
    public static readonly string[] Attributions = ["attribute", "content", "unknown"];
    public TraceList Result { get; private set; } = new([], 0);
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var id = Q?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(id))
        {
            if (id.Length == 32 && id.All(char.IsAsciiHexDigit)) return Redirect("/traces/" + id);
            Error = "A trace id is 32 hex characters (e.g. 4bf92f3577b34da6a3ce929d0e0e4736).";
            return Page();
        }
        if (!TryTime(Since, out var since) || !TryTime(Until, out var until))
        {
            Error = "Times are ISO-8601 (2026-01-31T12:00, 2026-01-31T12:00:00Z) or a date (2026-01-31); UTC unless an offset is given.";
            return Page();
        }
        if (Signal is not null && !SignalKinds.Contains(Signal)) Signal = null;
        if (Attribution is not null && !Attributions.Contains(Attribution)) Attribution = null;
        if (HarnessVersion is < 1) HarnessVersion = null;
        Limit = Math.Clamp(Limit, 1, 1000);
        Result = await ingest.ListAsync(new TraceQuery(Signal, NullIfEmpty(Service), since, until, Failed, Limit, NullIfEmpty(Agent), HarnessVersion, Attribution), ct);
        return Page();
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static bool TryTime(string? text, out DateTimeOffset? at)
    {
        at = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        at = parsed;
        return true;
    }
}
