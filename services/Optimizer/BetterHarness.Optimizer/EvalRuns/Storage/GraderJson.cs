using BetterHarness.EvalCases.Grading;

namespace BetterHarness.Optimizer.EvalRuns.Storage;

/// <summary>A grader outcome as the API shows it: <c>{type, passed, status, detail}</c> (status: passed, failed, not_graded).</summary>
public sealed record GraderJson(string Type, bool Passed, string Status, string Detail)
{
    public static GraderJson From(GraderResult r) => new(r.Type, r.Passed, r.Status switch
    {
        GraderStatus.Passed => "passed",
        GraderStatus.Failed => "failed",
        _ => "not_graded",
    }, r.Detail);

    public GraderResult ToResult() => new(Type, Status switch
    {
        "passed" => GraderStatus.Passed,
        "failed" => GraderStatus.Failed,
        _ => GraderStatus.NotGraded,
    }, Detail);
}
