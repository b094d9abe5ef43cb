using BetterHarness.Web.Backends;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BetterHarness.Web.Pages.Traces;

/// <summary><c>/traces/{traceId}</c>: one trace as a conversation timeline, its signals, errors, feedback and spans.</summary>
public sealed class DetailModel(IngestClient ingest, MiningClient mining) : PageModel
{
    public TraceDetail Trace { get; private set; } = null!;
    public Timeline Timeline { get; private set; } = null!;
    public IReadOnlyList<CandidateSummary> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string traceId, CancellationToken ct)
    {
        traceId = traceId.Trim().ToLowerInvariant();
        if (traceId.Length != 32 || !traceId.All(char.IsAsciiHexDigit)) return NotFound();
        var candidates = mining.ListAsync(null, null, null, 100, ct, trace: traceId);
        if (await ingest.GetAsync(traceId, ct) is not { } trace) return NotFound();
        Trace = trace;
        Timeline = Timeline.Build(trace);
        Candidates = (await candidates).Candidates;
        return Page();
    }
}
