namespace BetterHarness.Optimizer.Rollouts;

/// <summary>A canary rollout of a harness version (see 003_rollouts.sql).</summary>
public sealed record Rollout(string Id, string Agent, int Version, int BaselineVersion, double Share, string State,
    DateTimeOffset StartedAt, string StartedBy, DateTimeOffset? DecidedAt, string? DecidedBy, string? Reason,
    DateTimeOffset? CheckedAt, RolloutCheck? LastCheck)
{
    public const string Canary = "canary";
    public const string Promoted = "promoted";
    public const string RolledBack = "rolled_back";
}

/// <summary>The monitor's last look at a canary: both arms since it started and what the test said.</summary>
public sealed record RolloutCheck(long CanaryTraces, long CanaryFailed, long CanaryCorrected, long CurrentTraces, long CurrentFailed,
    long CurrentCorrected, double FailureLikelihoodRatio, double CorrectionLikelihoodRatio, double Threshold, string Verdict, string Reason);
