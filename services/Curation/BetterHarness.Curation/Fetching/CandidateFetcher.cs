using System.Text.Json.Nodes;
using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Domain.Oracle;
using BetterHarness.Curation.Domain.Policy;
using BetterHarness.Curation.Review;
using BetterHarness.ServiceDefaults.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Curation.Fetching;

/// <summary>
/// Reads proposed candidates' content from mining, runs the oracle check on it, stores it in the queue and applies
/// the auto-accept policy. Failures leave the item due with a growing backoff, so a mining outage delays the queue
/// but loses nothing: the proposal was stored first.
/// </summary>
public sealed class CandidateFetcher(
    MiningClient mining, QueueStore queue, ReviewDecisions decisions, IOptions<CurationOptions> options, TimeProvider clock,
    ILogger<CandidateFetcher> logger)
{
    public static readonly Actor AutoAcceptActor = new(AutoAcceptPolicy.Actor, Role.Curator, "policy");

    /// <summary>Reads every due item (or just <paramref name="only"/>); returns how many were read.</summary>
    public async Task<int> FetchDueAsync(CancellationToken ct, IReadOnlyCollection<string>? only = null)
    {
        var due = queue.Due(clock.GetUtcNow().ToUnixTimeMilliseconds(), 50, only);
        foreach (var item in due) await FetchAsync(item, ct);
        return due.Count;
    }

    private async Task FetchAsync(DueFetch due, CancellationToken ct)
    {
        JsonObject? candidate;
        try { candidate = await mining.GetCandidateAsync(due.CandidateId, ct); }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidDataException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            var backoff = TimeSpan.FromMilliseconds(Math.Min(options.Value.MaxFetchBackoff.TotalMilliseconds, 500 * Math.Pow(2, Math.Min(due.Attempts, 16))));
            logger.LogWarning("Reading candidate {Candidate} from mining failed ({Error}); retrying in {Backoff}", due.CandidateId, ex.Message, backoff);
            queue.Failed(due, ex.Message, (clock.GetUtcNow() + backoff).ToUnixTimeMilliseconds());
            return;
        }
        if (candidate is null)
        {
            queue.Gone(due);
            return;
        }
        var facts = CandidateFacts.From(candidate);
        var oracle = OracleCheck.Run(candidate);
        queue.Fetched(due, candidate, facts, oracle);
        var policy = new AutoAcceptPolicy(options.Value.AutoAccept, options.Value.AutoAcceptMinSupport, options.Value.AutoAcceptMinDetectorScore);
        if (policy.Admits(facts, oracle)) TryAutoAccept(due.CandidateId);
    }

    private void TryAutoAccept(string candidateId)
    {
        try { decisions.Accept(AutoAcceptActor, [new AcceptItem(candidateId, CaseEdits.None)], autoAccepted: true, action: "auto-accept"); }
        catch (Storage.ReviewConflictException) { /* decided or leased meanwhile: a person is on it */ }
    }
}
