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
        md.AppendLine("## By category (final)").AppendLine().AppendLine("| category | optimisation | holdout | gap |").AppendLine("|---|---|---|---|");
        foreach (var (category, score) in report.Final.ByCategory)
            md.AppendLine($"| {category} | {P(score.Optimization)} | {P(score.Holdout)} | {P(score.Gap)} |");
        md.AppendLine().AppendLine("## Iterations").AppendLine();
        foreach (var it in report.Iterations)
        {
            md.AppendLine($"### {it.Iteration}. {(it.Accepted ? "accepted" : "rejected")}: {it.Change.Kind} {it.Change.Target}".TrimEnd()).AppendLine();
            md.AppendLine($"- change: {it.Change.Text}").AppendLine($"- rationale: {it.Change.Rationale}").AppendLine($"- decision: {it.Reason}");
            md.AppendLine($"- optimisation {P(it.OptimizationPassRate)}, holdout {P(it.HoldoutPassRate)}, p = {F(it.PValue)}" +
                          (it.Ci95 is { Count: 2 } ci ? $", 95% CI [{F(ci[0])}, {F(ci[1])}]" : ""));
            md.AppendLine($"- gained: {List(it.Gained)}; regressed: {List(it.Regressed)}; must-pass regressed: {List(it.MustPassRegressed)}");
            foreach (var flag in it.LintFlags) md.AppendLine($"- ⚠ lint {flag.Kind}: {flag.Detail}");
            if (it.Diff.Length > 0) md.AppendLine().AppendLine("```diff").Append(it.Diff).AppendLine("```");
            md.AppendLine();
        }
        return md.ToString();
    }

    private static string P(double? rate) => rate is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) : "–";
    private static string F(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "–";
    private static string List(IReadOnlyList<string> ids) => ids.Count == 0 ? "none" : string.Join(", ", ids);
}
