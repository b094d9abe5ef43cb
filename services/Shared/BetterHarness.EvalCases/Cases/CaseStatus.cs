namespace BetterHarness.EvalCases.Cases;

/// <summary>The <see cref="EvalCase.Status"/> values of a mined candidate.</summary>
public static class CaseStatus
{
    public const string Proposed = "proposed";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
}
