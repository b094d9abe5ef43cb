namespace BetterHarness.Optimizer.Claims;

/// <summary>What became of a claimed piece of work.</summary>
public enum ClaimOutcome
{
    /// <summary>Another replica holds the run (or it is finished): nothing was done here.</summary>
    HeldElsewhere,

    /// <summary>The work returned; the claim was released.</summary>
    Done,

    /// <summary>The claim was lost while working (renewals failed for a whole lease, or another replica took it over); the work was cancelled.</summary>
    Lost,
}
