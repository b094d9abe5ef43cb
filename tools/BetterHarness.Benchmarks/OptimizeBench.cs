using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BetterHarness.EvalCases.Cases;
using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Models.Simulated;
using BetterHarness.Optimizer.Domain.Agents;
using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;
using BetterHarness.Optimizer.Domain.Optimization.Loop;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;
using BetterHarness.Optimizer.Optimization.Ports;
using BetterHarness.Optimizer.Optimization.Running;
using BetterHarness.Optimizer.Optimization.Storage;
using BetterHarness.Optimizer.Domain.EvalRuns;
using CaseResult = BetterHarness.Optimizer.Domain.Optimization.Evaluation.CaseResult;
using BetterHarness.Text;
using Spectre.Console;

namespace BetterHarness.Benchmarks;

/// <summary>
/// <c>bh optimize bench</c>: the optimiser's own overhead per iteration — everything but the model (diagnosis,
/// proposal input, lint, validation statistics, journal writes to SQLite, report) — on synthetic mined-style
/// cases with the simulated model, whose time is measured separately and subtracted.
/// </summary>
internal static class OptimizeBench
{
    public static Command Create()
    {
        var cases = new Option<int>("--cases") { Description = "Synthetic cases.", DefaultValueFactory = _ => 500 };
        var trials = new Option<int>("--trials") { Description = "Trials per case.", DefaultValueFactory = _ => 3 };
        var iterations = new Option<int>("--iterations") { Description = "Iterations.", DefaultValueFactory = _ => 5 };
        var bench = new Command("bench", "Measure the optimiser's overhead per iteration, model time excluded (simulated model, in process).")
            { cases, trials, iterations };
        bench.SetAction((r, ct) => RunAsync(r.GetValue(cases), r.GetValue(trials), r.GetValue(iterations), ct));
        return bench;
    }

    public static async Task<int> RunAsync(int caseCount, int trials, int iterations, CancellationToken ct)
    {
        var cases = BenchCases.Generate(caseCount);
        var (optimization, holdout) = CaseMapping.Split(cases);
        var dataDir = Path.Combine(Path.GetTempPath(), "bh-optbench-" + Guid.NewGuid().ToString("N"));
        var db = OptimizationDatabase.Open(dataDir);
        using var embedder = new MiniLmEmbedder();
        var model = new ChatAgentRunner("simulated", new SimulatedChatClient(embedder), simulated: true);
        var transcripts = new TimedTranscripts(new StoredTranscripts(db, "opt_bench"));
        var evaluator = new TimedEvaluator(new EvalRunnerEvaluator(model, cases, transcripts, new EvalOptions { MaxParallel = 2 }));
        var proposer = new TimedProposer(new RuleBasedProposer());
        var settings = new OptimizationSettings { MaxIterations = iterations, Trials = trials };
        AnsiConsole.MarkupLine($"{optimization.Count} optimisation + {holdout.Count} holdout cases × {trials} trials, up to {iterations} iterations, simulated model");

        var total = Stopwatch.StartNew();
        var outcome = await new OptimizationLoop(evaluator, proposer, new SqliteOptimizationJournal(db, "opt_bench"), settings, TimeProvider.System)
            .RunAsync(new OptimizationRequest(BenchCases.Harness, optimization, holdout, DateTimeOffset.UtcNow), ct);
        total.Stop();

        // Storing transcripts happens inside the evaluator call but is the optimiser's work, not the model's.
        var modelTime = evaluator.Elapsed - transcripts.Elapsed;
        var overhead = total.Elapsed - modelTime - proposer.Elapsed;
        var steps = Math.Max(1, outcome.Iterations.Count + 1);
        var table = new Table().AddColumns("figure", "value");
        table.AddRow("iterations (+ baseline)", $"{outcome.Iterations.Count} (+1), {outcome.Iterations.Count(i => i.Accepted is not null)} accepted");
        table.AddRow("(case, trial) replays", evaluator.Replays.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("total", $"{total.Elapsed.TotalSeconds:F2} s");
        table.AddRow("model time (simulated eval)", $"{modelTime.TotalSeconds:F2} s");
        table.AddRow("of the overhead: storing transcripts", $"{transcripts.Elapsed.TotalSeconds:F2} s");
        table.AddRow("proposer time", $"{proposer.Elapsed.TotalMilliseconds:F0} ms");
        table.AddRow("optimiser overhead", $"{overhead.TotalSeconds:F2} s");
        table.AddRow("overhead per iteration", $"{overhead.TotalMilliseconds / steps:F0} ms");
        table.AddRow("overhead per (case, trial)", $"{overhead.TotalMicroseconds / Math.Max(1, evaluator.Replays):F1} µs");
        table.AddRow("optimisation pass rate", $"{outcome.Baseline.Optimization.PassRate:P1} → {outcome.Best.Optimization.PassRate:P1}");
        table.AddRow("holdout pass rate", $"{outcome.Baseline.Holdout.PassRate:P1} → {outcome.Best.Holdout.PassRate:P1}");
        AnsiConsole.Write(table);
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        return 0;
    }

    private sealed class TimedEvaluator(IHarnessEvaluator inner) : IHarnessEvaluator
    {
        private long _ticks;

        public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));
        public long Replays { get; private set; }
        public bool IsSimulated => inner.IsSimulated;
        public string? JudgeModel => inner.JudgeModel;

        public async Task<IReadOnlyList<CaseResult>> EvaluateAsync(HarnessDocument harness, IReadOnlyList<SuiteCase> cases, int trials, int firstTrial, CancellationToken ct)
        {
            var watch = Stopwatch.StartNew();
            var result = await inner.EvaluateAsync(harness, cases, trials, firstTrial, ct);
            Interlocked.Add(ref _ticks, watch.Elapsed.Ticks);
            Replays += cases.Count * trials;
            return result;
        }
    }

    private sealed class TimedTranscripts(ITranscriptSink inner) : ITranscriptSink
    {
        public TimeSpan Elapsed { get; private set; }

        public IReadOnlyList<string> StoreMany(IReadOnlyList<(string CaseId, int Trial, string HarnessHash, string Json)> transcripts)
        {
            var watch = Stopwatch.StartNew();
            var ids = inner.StoreMany(transcripts);
            lock (this) Elapsed += watch.Elapsed;
            return ids;
        }
    }

    private sealed class TimedProposer(IHarnessProposer inner) : IHarnessProposer
    {
        public TimeSpan Elapsed { get; private set; }
        public string Name => inner.Name;

        public async Task<Proposal> ProposeAsync(ProposalInput input, CancellationToken ct)
        {
            var watch = Stopwatch.StartNew();
            var proposal = await inner.ProposeAsync(input, ct);
            Elapsed += watch.Elapsed;
            return proposal;
        }
    }
}
