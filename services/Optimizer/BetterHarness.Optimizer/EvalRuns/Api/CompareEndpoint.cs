using BetterHarness.Optimizer.Domain.Compare;
using BetterHarness.Optimizer.EvalRuns.Models;
using BetterHarness.Optimizer.EvalRuns.Storage;
using Microsoft.AspNetCore.Http;

namespace BetterHarness.Optimizer.EvalRuns.Api;

/// <summary>
/// <c>GET /api/evalruns/compare?a=RUN&amp;b=RUN</c>: per case win / loss / tie (from B's side), per-category deltas,
/// the mean pass-rate difference B − A with a paired t-test p-value and its 95 % interval; with <c>&amp;caseId=</c>
/// also both runs' transcripts of that case, trial by trial, side by side.
/// </summary>
public static class CompareEndpoint
{
    public static IResult Handle(HttpContext context, EvalRunStore runs, ModelCatalog models)
    {
        var q = context.Request.Query;
        if (runs.Get(q["a"].ToString()) is not { } a || runs.Get(q["b"].ToString()) is not { } b)
            return Results.BadRequest(new { error = "a and b must both be eval run ids: /api/evalruns/compare?a=RUN&b=RUN" });
        var comparison = Compare(EvalRunReport.Build(a, runs, models), EvalRunReport.Build(b, runs, models));
        var caseId = q["caseId"].ToString();
        return Results.Json(new
        {
            a = Side(a), b = Side(b),
            sameSnapshot = a.SnapshotId == b.SnapshotId,
            cases = comparison.Cases.Select(c => new { caseId = c.CaseId, category = c.Category, a = c.A, b = c.B, outcome = c.Outcome }),
            byCategory = comparison.ByCategory.ToDictionary(c => c.Category, c => new { cases = c.Cases, a = c.A, b = c.B, delta = c.Delta }),
            difference = comparison.Difference, ci95 = comparison.Ci95, pValue = comparison.PValue,
            wins = comparison.Wins, losses = comparison.Losses, ties = comparison.Ties,
            onlyInA = comparison.OnlyInA, onlyInB = comparison.OnlyInB,
            sideBySide = caseId.Length == 0 ? null : Enumerable.Range(0, Math.Max(a.Trials, b.Trials)).Select(t => new
            {
                trial = t, a = runs.Transcript(a.Id, caseId, t), b = runs.Transcript(b.Id, caseId, t),
            }).ToList(),
        });
    }

    public static ComparisonResult Compare(EvalRunReport a, EvalRunReport b) => RunComparison.Compare(Scores(a), Scores(b));

    private static List<CaseScore> Scores(EvalRunReport report) =>
        report.Cases.Where(c => c.PassRate is not null).Select(c => new CaseScore(c.CaseId, c.Category, c.PassRate!.Value)).ToList();

    private static object Side(EvalRunRecord run) => new
    {
        id = run.Id, agent = run.Agent, harnessVersion = run.HarnessVersion, model = run.Model, simulated = run.Simulated, status = run.Status,
        snapshotId = run.SnapshotId, trials = run.Trials,
    };
}
