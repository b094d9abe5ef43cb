using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Journal;

namespace BetterHarness.Optimizer.Domain.Optimization.Evaluation;

/// <summary>
/// Evaluates a harness on one split through the journal: results already journaled for (split, trials, harness content)
/// are reused, the rest is evaluated in chunks and each chunk journaled as it finishes — so a run killed mid-way
/// redoes at most one chunk, and an identical harness is never evaluated twice in a run.
/// </summary>
/// <param name="firstTrial">Number of the first trial: 0 for the run's own trials; the confirmation uses the numbers after
/// them (fresh noise for a model that draws it per trial), journaled under their own key.</param>
public sealed class SplitEvaluator(IHarnessEvaluator evaluator, IOptimizationJournal journal, int trials, int chunkSize, int firstTrial = 0)
{
    public bool IsSimulated => evaluator.IsSimulated;

    public int Trials => trials;

    public int FirstTrial => firstTrial;

    public async Task<SetResult<TSplit>> EvaluateAsync<TSplit>(HarnessDocument harness, CaseSet<TSplit> cases,
        Func<int, int, Task>? onProgress, CancellationToken cancellationToken) where TSplit : ISplit
    {
        var key = firstTrial == 0 ? $"{TSplit.Name}:{HarnessHash.Of(harness)}" : $"{TSplit.Name}@{firstTrial}:{HarnessHash.Of(harness)}";
        var done = (await journal.LoadCaseResultsAsync(key, cancellationToken))
            .Where(r => cases.Contains(r.CaseId))
            .ToDictionary(r => r.CaseId, StringComparer.Ordinal);
        var missing = cases.Cases.Where(c => !done.ContainsKey(c.Id)).ToList();
        foreach (var chunk in missing.Chunk(Math.Max(1, chunkSize)))
        {
            var results = await evaluator.EvaluateAsync(harness, chunk, trials, firstTrial, cancellationToken);
            Check(chunk, results);
            await journal.SaveCaseResultsAsync(key, results, cancellationToken);
            foreach (var r in results) done[r.CaseId] = r;
            if (onProgress is not null) await onProgress(done.Count, cases.Count);
        }
        return new SetResult<TSplit>(cases.Cases.Select(c => done[c.Id]));
    }

    private void Check(IReadOnlyList<SuiteCase> asked, IReadOnlyList<CaseResult> results)
    {
        if (results.Count != asked.Count || asked.Zip(results).Any(p => p.First.Id != p.Second.CaseId || p.Second.Trials.Count != trials))
            throw new InvalidOperationException(
                $"The evaluator answered {results.Count} results for {asked.Count} cases, or not {trials} trials each, or out of order.");
    }
}
