using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;

namespace BetterHarness.Optimizer.Domain.Optimization.Diagnosis;

/// <summary>
/// Step 2 of the loop: reads the failing optimisation cases' trials (graders that failed, what the agent called,
/// what it answered), groups them by category and failure cluster, and names the patterns across them
/// (<see cref="FailurePatterns"/>).
/// </summary>
public static class Diagnoser
{
    private const int MaxTextChars = 600;
    private const int MaxTexts = 8;

    public static FailureDiagnosis Diagnose(CaseSet<OptimizationSplit> cases, SetResult<OptimizationSplit> results)
    {
        var failing = results.Cases.Where(r => r.PassRate < 1.0)
            .Select(r => Describe(cases[r.CaseId], r))
            .OrderBy(f => f.PassRate).ThenBy(f => f.CaseId, StringComparer.Ordinal)
            .ToList();
        var groups = failing.GroupBy(f => (f.Category, f.ClusterId))
            .Select(g => new FailureGroup(g.Key.Category, g.Key.ClusterId, g.Select(f => f.CaseId).ToList(),
                g.SelectMany(f => f.Symptoms).GroupBy(s => s.GraderType)
                    .ToDictionary(s => s.Key, s => s.Sum(x => x.Trials), StringComparer.Ordinal)))
            .OrderByDescending(g => g.CaseIds.Count).ThenBy(g => g.Category, StringComparer.Ordinal)
            .ToList();
        return new FailureDiagnosis(results.PassRate, results.Cases.Count, failing, groups) { Patterns = FailurePatterns.From(failing) };
    }

    private static FailingCase Describe(SuiteCase @case, CaseResult result)
    {
        var failedTrials = result.Trials.Where(t => !t.Passed).ToList();
        var symptoms = failedTrials
            .SelectMany(t => t.Failures.Select(f => (Failure: f, Trial: t)))
            .GroupBy(x => (x.Failure.Type, x.Failure.Tool))
            .Select(g => new FailureSymptom(g.Key.Type, g.Key.Tool, g.First().Failure.Detail, g.Count(),
                g.First().Trial.ToolsCalled, Trim(g.First().Trial.FinalAnswer)))
            .OrderByDescending(s => s.Trials).ThenBy(s => s.GraderType, StringComparer.Ordinal)
            .ToList();
        var texts = @case.Texts.Take(MaxTexts).Select(t => Trim(t)!).ToList();
        return new FailingCase(@case.Id, @case.Category, @case.ClusterId, @case.MustPass, result.PassRate, texts, symptoms,
            failedTrials.Select(t => t.TranscriptId).OfType<string>().ToList());
    }

    private static string? Trim(string? text) =>
        text is null || text.Length <= MaxTextChars ? text : text[..MaxTextChars] + "…";
}
