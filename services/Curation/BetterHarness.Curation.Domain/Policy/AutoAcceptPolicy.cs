using BetterHarness.Curation.Domain.Cases;
using BetterHarness.Curation.Domain.Oracle;

namespace BetterHarness.Curation.Domain.Policy;

/// <summary>
/// Accepts a candidate without a curator when it is seen often enough and the correction detector was sure
/// enough, for teams that curate after the fact. Never a candidate whose graders fail its own expected behaviour:
/// a case a correct agent cannot pass would only add noise.
/// </summary>
public sealed record AutoAcceptPolicy(bool Enabled, int MinSupportCount, double MinDetectorScore)
{
    public const string Actor = "auto-accept";

    public bool Admits(CandidateFacts candidate, OracleResult oracle) =>
        Enabled && candidate.SupportCount >= MinSupportCount && (candidate.DetectorScore ?? 0) >= MinDetectorScore
        && oracle.Status != OracleResult.Failed;
}
