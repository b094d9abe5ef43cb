using System.Globalization;
using System.Text;

namespace BetterHarness.Optimizer.Domain.Optimization.Reporting;

/// <summary>The report as Markdown, for people (CLI, files, pull requests).</summary>
public static class MarkdownReport
{
    public static string Render(OptimizationReport report, string title)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {title}").AppendLine();
        if (report.Simulated) md.AppendLine("> **Simulated model.** Pass rates come from the offline simulation, not a real model.").AppendLine();
        md.AppendLine($"Status: **{report.Status}** · proposer: {report.Proposer} · stopped: {report.StopReason} · tokens: {report.Tokens:N0}" +
                      (report.HarnessVersion is { } v ? $" · harness version {v}" : "")).AppendLine();
        md.AppendLine("| | optimisation | holdout |").AppendLine("|---|---|---|");
        md.AppendLine($"| baseline | {P(report.Baseline.Optimization.PassRate)} | {P(report.Baseline.Holdout.PassRate)} |");
        md.AppendLine($"| final | {P(report.Final.Optimization.PassRate)} | {P(report.Final.Holdout.PassRate)} |").AppendLine();
        Gates(md, report);
        md.AppendLine("## By category (final)").AppendLine().AppendLine("| category | optimisation | holdout | gap |").AppendLine("|---|---|---|---|");
        foreach (var (category, score) in report.Final.ByCategory)
            md.AppendLine($"| {category} | {P(score.Optimization)} | {P(score.Holdout)} | {P(score.Gap)} |");
        md.AppendLine().AppendLine("## Iterations").AppendLine();
        foreach (var it in report.Iterations)
        {
            md.AppendLine($"### {it.Iteration}. {(it.Accepted ? "accepted" : "rejected")}: {it.Change.Kind} {it.Change.Target}".TrimEnd()).AppendLine();
            md.AppendLine($"- change: {it.Change.Text}").AppendLine($"- rationale: {it.Change.Rationale}").AppendLine($"- decision: {it.Reason}");
            md.AppendLine($"- optimisation {P(it.OptimizationPassRate)}, holdout {P(it.HoldoutPassRate)}, p = {F(it.PValue)}" +
                          (it.AdjustedPValue is { } adj ? $" (Holm-adjusted {F(adj)}, threshold {F(it.Threshold)})" : "") +
                          (it.Ci95 is { Count: 2 } ci ? $", 95% CI [{F(ci[0])}, {F(ci[1])}]" : ""));
            md.AppendLine($"- gained: {List(it.Gained)}; regressed: {List(it.Regressed)}; must-pass regressed: {List(it.MustPassRegressed)}");
            foreach (var flag in it.LintFlags) md.AppendLine($"- ⚠ lint {flag.Kind}: {flag.Detail}");
            if (it.Diff.Length > 0) md.AppendLine().AppendLine("```diff").Append(it.Diff).AppendLine("```");
            md.AppendLine();
        }
        return md.ToString();
    }

    private static void Gates(StringBuilder md, OptimizationReport report)
    {
        md.AppendLine("## Gates").AppendLine();
        if (report.Gates is { } g)
            md.AppendLine($"- {g.TestsRun} test(s) run of {g.PlannedTests} planned; family-wise α = {F(g.Alpha)} ({g.Method}): " +
                          $"threshold {F(g.IterationAlpha)} per iteration, {F(g.PerTestAlpha)} for a test with every candidate slot tested.");
        if (report.Confirmation is { } c)
            md.AppendLine($"- confirmation on {c.Trials} fresh trials a case (trial numbers from {c.FirstTrial}): **{(c.Passed ? "passed" : "failed")}** — {c.Reason}; " +
                          $"baseline {P(c.BaselinePassRate)} → iteration {c.Iteration}'s version {P(c.FinalPassRate)}, 95% CI [{F(c.Test.Ci95Low)}, {F(c.Test.Ci95High)}]" +
                          (c.Passed ? "." : ". The starting version is kept."));
        else md.AppendLine("- confirmation: not run (no change was accepted).");
        if (report.Graders is { } gr)
            md.AppendLine(gr.DeterministicOnly
                ? $"- **{gr.Ungraded} grader(s) in {gr.CasesWithUngraded} case(s) went ungraded** (llm_judge without a judge model: set BetterHarness:EvalRuns:JudgeModel); decisions used the deterministic graders only."
                : gr.JudgeModel is { } judge ? $"- every grader was graded; llm_judge graders by {judge}." : "- every grader was graded (no llm_judge graders).");
        md.AppendLine();
    }

    private static string P(double? rate) => rate is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) : "–";
    private static string F(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "–";
    private static string List(IReadOnlyList<string> ids) => ids.Count == 0 ? "none" : string.Join(", ", ids);
}
