namespace BetterHarness.Optimizer.Claims;

/// <summary>
/// A table of long runs (eval runs, optimisations) that the optimizer's replicas claim one run at a time: a claim is the
/// run row's <c>claimed_by</c> (a replica) and <c>claimed_until_ms</c> (its lease), renewed while the replica works.
/// A replica that dies stops renewing; once the lease lapsed any other replica claims the run and resumes it.
/// </summary>
public interface IRunClaims
{
    /// <summary>Claims an unfinished run for <paramref name="owner"/> until <paramref name="untilMs"/>; false while another replica's lease holds.</summary>
    bool TryClaim(string id, string owner, long nowMs, long untilMs);

    /// <summary>Extends the owner's claim; false when the run is no longer claimed by <paramref name="owner"/>.</summary>
    bool Renew(string id, string owner, long untilMs);

    /// <summary>Gives the claim up (the run stays as it is, for any replica to take).</summary>
    void Release(string id, string owner);

    /// <summary>Unfinished runs nobody holds: never claimed, released, or their lease lapsed. Oldest first.</summary>
    IReadOnlyList<string> Claimable(long nowMs);
}
