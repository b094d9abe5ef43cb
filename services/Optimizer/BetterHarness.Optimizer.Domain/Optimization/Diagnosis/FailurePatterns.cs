using System.Text.RegularExpressions;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;

namespace BetterHarness.Optimizer.Domain.Optimization.Diagnosis;

/// <summary>
/// Groups the failing cases' symptoms into <see cref="FailurePattern"/>s, largest first. What the agent did comes from the
/// failing trials (the tools it called, in order); what it should have done from the graders that failed.
/// </summary>
internal static partial class FailurePatterns
{
    public static IReadOnlyList<FailurePattern> From(IReadOnlyList<FailingCase> failing)
    {
        var seen = new List<(string Kind, string? Tool, string? Other, string CaseId, int Trials, string Evidence)>();
        foreach (var c in failing)
        {
            foreach (var s in c.Symptoms)
            {
                switch (s.GraderType)
                {
                    case GraderTypes.ToolCalled when s.Tool is not null && !s.Detail.Contains(", but not with", StringComparison.Ordinal):
                        seen.Add((FailurePatternKinds.MissedTool, s.Tool, s.ToolsCalled.FirstOrDefault(t => t != s.Tool), c.CaseId, s.Trials, s.Detail));
                        break;
                    case GraderTypes.ToolCalled when s.Tool is not null:
                        seen.Add((FailurePatternKinds.WrongArguments, s.Tool, null, c.CaseId, s.Trials, s.Detail));
                        break;
                    case GraderTypes.ToolNotCalled when s.Tool is not null:
                        seen.Add((FailurePatternKinds.UnwantedTool, s.Tool, null, c.CaseId, s.Trials, s.Detail));
                        break;
                    case GraderTypes.ToolOrder when Order().Match(s.Detail) is { Success: true } order:
                        var tools = order.Groups["tools"].Value.Split(" → ", StringSplitOptions.TrimEntries);
                        var called = s.ToolsCalled.ToHashSet(StringComparer.Ordinal);
                        // The first expected tool it skipped is the one to call before the next.
                        var skipped = Array.FindIndex(tools, t => !called.Contains(t));
                        if (skipped >= 0)
                            seen.Add((FailurePatternKinds.BrokenOrder, skipped + 1 < tools.Length ? tools[skipped + 1] : null, tools[skipped], c.CaseId, s.Trials, s.Detail));
                        break;
                    case GraderTypes.NoClarifyingQuestion:
                        seen.Add((FailurePatternKinds.NeedlessQuestion, null, null, c.CaseId, s.Trials, s.Detail));
                        break;
                    case GraderTypes.FinalAnswerContains or GraderTypes.FinalAnswerMatches:
                        seen.Add((FailurePatternKinds.MissingFacts, null, null, c.CaseId, s.Trials, s.Detail));
                        break;
                    case "step_limit":
                        seen.Add((FailurePatternKinds.StepLimit, null, null, c.CaseId, s.Trials, s.Detail));
                        break;
                }
            }
            // Passing some trials and failing others under the same harness: the model's sampling decides, not the harness.
            if (c.PassRate is > 0 and < 1) seen.Add((FailurePatternKinds.Unstable, null, null, c.CaseId, 1, $"passes {c.PassRate:P0} of its trials"));
        }
        return seen.GroupBy(x => (x.Kind, x.Tool))
            .Select(g => new FailurePattern(g.Key.Kind, g.Key.Tool,
                g.Where(x => x.Other is not null).GroupBy(x => x.Other).OrderByDescending(o => o.Count()).ThenBy(o => o.Key, StringComparer.Ordinal).FirstOrDefault()?.Key,
                g.Select(x => x.CaseId).Distinct().ToList(), g.Sum(x => x.Trials), g.First().Evidence))
            .OrderByDescending(p => p.CaseIds.Count).ThenByDescending(p => p.Trials).ThenBy(p => p.Kind, StringComparer.Ordinal)
            .ThenBy(p => p.Tool, StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex(@"^expected (?<tools>.+?); got ")]
    private static partial Regex Order();
}
