using System.ComponentModel.DataAnnotations;

namespace BetterHarness.Optimizer.Rollouts;

/// <summary>Canary rollouts, section <c>BetterHarness:Rollouts</c>. Every field has a default.</summary>
public sealed class RolloutOptions
{
    public const string Section = "BetterHarness:Rollouts";

    /// <summary>How often the monitor reads both arms' production figures and runs the sequential test. Default 30 s.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>False-rollback rate the test allows over a canary's whole life, over failure and correction rate together. Default 0.05.</summary>
    [Range(0.001, 0.2)] public double Alpha { get; set; } = 0.05;

    /// <summary>
    /// Scale of the harm the test is tuned to find fastest (standard deviation of the mSPRT's normal mixture over the
    /// difference in rates). Default 0.1 (ten percentage points).
    /// </summary>
    [Range(0.005, 1.0)] public double Tau { get; set; } = 0.1;

    /// <summary>Traces each arm needs before the test may roll back or promote. Default 30.</summary>
    [Range(1, 1_000_000)] public int MinTracesPerArm { get; set; } = 30;

    /// <summary>Promote a canary automatically after this many canary traces without significant harm; 0 = only a person promotes. Default 0.</summary>
    [Range(0, 10_000_000)] public int AutoPromoteAfter { get; set; }

    /// <summary>URL that gets <c>{"type": "HarnessRolloutEnded", "alert": {…}}</c> when a canary is rolled back; unset = none. Default unset.</summary>
    [Url] public string? WebhookUrl { get; set; }

    /// <summary>Delivery attempts per alert (exponential backoff from 1 s). Default 5.</summary>
    [Range(1, 20)] public int WebhookMaxAttempts { get; set; } = 5;
}
