namespace BetterHarness.Optimizer.Claims;

/// <summary>How replicas of the optimizer share eval runs and optimisations. Section <c>BetterHarness:RunClaims</c>.</summary>
public sealed class RunClaimOptions
{
    public const string Section = "BetterHarness:RunClaims";

    /// <summary>
    /// How long a replica's claim on a run holds without being renewed. The holder renews it every third of this; another
    /// replica resumes the run at most about 1.5 × this after the holder died (the lease, plus half of it between sweeps).
    /// Between 1 second and 10 minutes. Default 30 seconds.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a replica renews its claims: a third of <see cref="Lease"/>.</summary>
    public TimeSpan RenewEvery => Lease / 3;

    /// <summary>How often a replica looks for runs nobody holds: half of <see cref="Lease"/>.</summary>
    public TimeSpan SweepEvery => Lease / 2;
}
