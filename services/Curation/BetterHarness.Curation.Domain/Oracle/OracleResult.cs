namespace BetterHarness.Curation.Domain.Oracle;

/// <summary>
/// Whether a candidate's graders pass against its own expected behaviour. <c>passed</c>, <c>failed</c> (with
/// the failing graders), or <c>unchecked</c> (content not fetched yet).
/// </summary>
public sealed record OracleResult(string Status, IReadOnlyList<OracleFailure> Failures, IReadOnlyList<int> NotGraded)
{
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Unchecked = "unchecked";

    public static readonly OracleResult NotChecked = new(Unchecked, [], []);
}

/// <param name="Grader">Index of the grader in the case's <c>graders</c>.</param>
/// <param name="Reason">Why a correct agent would fail it.</param>
public sealed record OracleFailure(int Grader, string Type, string Reason);
