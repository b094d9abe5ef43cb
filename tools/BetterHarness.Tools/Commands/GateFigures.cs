using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace BetterHarness.Tools.Commands;

/// <summary>
/// The figures that say whether an optimisation's gain can be trusted, printed under its summary: pass rates with their 95%
/// intervals, the family-wise correction (tests and the corrected per-test threshold), the confirmation run, and the
/// holdout's leak (from curation's composition).
/// </summary>
internal static class GateFigures
{
    public static void PrintRates(JsonNode report)
    {
        var table = new Table().AddColumns("", "optimisation (95% interval)", "holdout (95% interval)");
        foreach (var name in new[] { "baseline", "final" })
            table.AddRow(name, Markup.Escape(Rate(report[name]?["optimization"])), Markup.Escape(Rate(report[name]?["holdout"])));
        AnsiConsole.Write(table);
    }

    public static void PrintGates(JsonNode report)
    {
        if (report["gates"] is { } g)
            Line($"gates: {g["method"]}; family-wise α {N(g["alpha"])}; {g["testsRun"]} of {g["plannedTests"]} planned tests run; " +
                 $"per-iteration α {N(g["iterationAlpha"])}, corrected per-test threshold {N(g["perTestAlpha"])}");
        else Line("gates: not reported by this run");
        Line(report["confirmation"] is { } c
            ? $"confirmation run ({c["trials"]} fresh trials a case from trial {c["firstTrial"]}): {((bool?)c["passed"] == true ? "passed" : "FAILED")} — " +
              $"baseline {P(c["baselinePassRate"])} → {P(c["finalPassRate"])}, p {N(c["test"]?["pValue"])} (α {N(c["alpha"])}); {c["reason"]}"
            : "confirmation run: none — no change passed the gates, so there was nothing to confirm");
        if (report["graders"] is { } gr && (bool?)gr["deterministicOnly"] == true)
            Line($"graders: {gr["ungraded"]} llm_judge graders in {gr["casesWithUngraded"]} cases went ungraded (no judge model): decisions used the deterministic graders only");
    }

    /// <summary>The leak figure of the agent's eval set: per holdout case, the cosine of its nearest optimisation case.</summary>
    public static void PrintLeak(JsonNode? composition)
    {
        if (composition?["leak"] is not { } l) { Line("holdout leak: not reported"); return; }
        Line($"holdout leak: {l["holdoutCases"]} holdout cases; nearest optimisation case cosine mean {N(l["meanNearestCosine"])}, " +
             $"max {N(l["maxNearestCosine"])}; {l["nearDuplicates"]} at or above {N(l["threshold"])}; {l["groupsOnBothSides"]} situation groups on both sides");
    }

    private static void Line(string text) => AnsiConsole.MarkupLine("    " + Markup.Escape(text));

    private static string Rate(JsonNode? split)
    {
        if (split?["passRate"] is not { } rate) return "–";
        return split["ci95"] is JsonArray { Count: 2 } ci ? $"{P(rate)} [{P(ci[0])}, {P(ci[1])}]" : P(rate);
    }

    private static string P(JsonNode? rate) => rate is null ? "–" : ((double)rate).ToString("P1", CultureInfo.InvariantCulture);

    private static string N(JsonNode? value) => value is null ? "–" : ((double)value).ToString("0.####", CultureInfo.InvariantCulture);
}
