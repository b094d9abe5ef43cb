using BetterHarness.Mining.Domain.Cases;
using BetterHarness.Mining.Domain.Detection;
using Spectre.Console;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Tools.Commands;

/// <summary>The mining quality numbers (see issue 4): coverage of corrected failures, assertion accuracy, false alarms, dedup.</summary>
public sealed record MiningQuality(
    int Failed, int FailedWithCandidate, int FailedCorrected, int FailedCorrectedWithCandidate,
    int WithToolAssertions, int AssertionsMatch, int Successful, int FalseAlarms, IReadOnlyDictionary<string, int> FalseAlarmReasons,
    int Candidates, int SourceTraces);

public static class MiningQualityReport
{
    public static MiningQuality Measure(IReadOnlyList<EvalCase> cases, IReadOnlyDictionary<string, MiningQualityLabel> labels)
    {
        var bySource = cases.SelectMany(c => CandidateProvenance.Sources(c).Select(s => (s.TraceId, Case: c, s.Reason)))
            .Where(p => labels.ContainsKey(p.TraceId)).ToDictionary(p => p.TraceId);
        var failed = labels.Values.Where(l => l.Reward < 1).ToList();
        var corrected = failed.Where(l => l.HasCorrectionCandidates).ToList();
        var covered = failed.Where(l => bySource.ContainsKey(l.TraceId)).ToList();
        var asserted = covered.Select(l => (Label: l, Graders: bySource[l.TraceId].Case.Graders.Where(g => g.Type == GraderTypes.ToolCalled).ToList()))
            .Where(p => p.Graders.Count > 0).ToList();
        var matching = asserted.Count(p => p.Graders.Any(g => p.Label.ExpectedActions.Any(a => MiningQualityLabels.Matches(g.Tool!, g.Arguments ?? [], a))));
        var alarms = labels.Values.Where(l => l.Reward >= 1 && bySource.ContainsKey(l.TraceId)).ToList();
        var candidates = bySource.Values.Select(v => v.Case.Id).Distinct().Count();
        return new MiningQuality(failed.Count, covered.Count, corrected.Count, corrected.Count(l => bySource.ContainsKey(l.TraceId)),
            asserted.Count, matching, labels.Values.Count(l => l.Reward >= 1), alarms.Count,
            alarms.GroupBy(l => bySource[l.TraceId].Reason).ToDictionary(g => g.Key, g => g.Count()), candidates, bySource.Count);
    }

    public static void Print(MiningQuality q)
    {
        var table = new Table().AddColumn("measure").AddColumn("value");
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        static string Pct(int a, int b) => b == 0 ? "n/a" : $"{a}/{b} ({100.0 * a / b:0.0}%)";
        Row("failed (reward 0) traces with a candidate", Pct(q.FailedWithCandidate, q.Failed));
        Row("failed traces with labelled corrections → candidate", Pct(q.FailedCorrectedWithCandidate, q.FailedCorrected));
        Row("of those candidates, with tool_called assertions", Pct(q.WithToolAssertions, q.FailedWithCandidate));
        Row("tool_called assertion matches expected_actions (name + key args)", Pct(q.AssertionsMatch, q.WithToolAssertions));
        Row("false alarms: successful (reward 1) traces with a candidate", Pct(q.FalseAlarms, q.Successful));
        Row("false alarms by reason", string.Join(", ", q.FalseAlarmReasons.Select(p => $"{p.Key}: {p.Value}")));
        Row("dedup: source traces → candidates", $"{q.SourceTraces} → {q.Candidates} (ratio {(q.Candidates == 0 ? 0 : (double)q.SourceTraces / q.Candidates):0.00})");
        var info = CorrectionDetector.LoadShippedInfo();
        foreach (var (set, m) in info.HeldOut)
            Row($"detector held-out {set} (threshold {info.Threshold})", $"P {m.Precision:0.000} R {m.Recall:0.000} F1 {m.F1:0.000} ({m.Positives} pos / {m.Negatives} neg)");
        AnsiConsole.Write(table);
    }
}
