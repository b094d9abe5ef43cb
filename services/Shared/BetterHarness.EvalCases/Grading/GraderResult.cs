namespace BetterHarness.EvalCases.Grading;

/// <summary>The outcome of one grader on one run.</summary>
/// <param name="Status"><see cref="GraderStatus"/>: passed, failed or not graded.</param>
/// <param name="Detail">Why, in one line a person can act on.</param>
/// <param name="Tool">The tool the grader checks (<c>tool_called</c>, <c>tool_not_called</c>), else null: read it here,
/// never from <paramref name="Detail"/>.</param>
public sealed record GraderResult(string Type, GraderStatus Status, string Detail, string? Tool = null)
{
    /// <summary>True only for a grader that ran and passed; a grader that was not graded never counts as passed.</summary>
    public bool Passed => Status == GraderStatus.Passed;

    public bool Graded => Status != GraderStatus.NotGraded;

    public static GraderResult Pass(string type, string detail, string? tool = null) => new(type, GraderStatus.Passed, detail, tool);
    public static GraderResult Fail(string type, string detail, string? tool = null) => new(type, GraderStatus.Failed, detail, tool);
    public static GraderResult Skip(string type, string detail, string? tool = null) => new(type, GraderStatus.NotGraded, detail, tool);
}

public enum GraderStatus { Passed, Failed, NotGraded }

/// <summary>Every grader's outcome on one run of a case.</summary>
public sealed record CaseVerdict(IReadOnlyList<GraderResult> Results)
{
    /// <summary>
    /// A run passes when every grader that ran passed and at least one ran. Graders that were not graded
    /// (an llm_judge without a judge) neither pass nor fail the run, but a run nothing could grade does not pass.
    /// </summary>
    public bool Passed => Results.Any(r => r.Graded) && Results.Where(r => r.Graded).All(r => r.Passed);
}
