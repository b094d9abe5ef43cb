namespace BetterHarness.Optimizer.EvalRuns.Tracing;

/// <summary>
/// Resource attributes every eval-run trace carries. Ingest reads <see cref="Origin"/> = <see cref="EvalRunOrigin"/>
/// to keep these traces out of failure clustering and mining.
/// </summary>
public static class EvalRunTraceMarker
{
    public const string Origin = "betterharness.origin";
    public const string EvalRunOrigin = "eval_run";
    public const string RunId = "betterharness.eval.run_id";
    public const string HarnessVersion = "betterharness.harness.version";
    public const string CaseId = "betterharness.eval.case_id";
    public const string Trial = "betterharness.eval.trial";
    public const string Simulated = "betterharness.eval.simulated";
}
