using System.Collections.Concurrent;
using BetterHarness.Optimizer.Domain.Optimization.Evaluation;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;

namespace BetterHarness.Optimizer.Domain.Optimization.Journal;

/// <summary>A journal that lives as long as the object: for runs that need no resume (benchmarks, previews).</summary>
public sealed class InMemoryOptimizationJournal : IOptimizationJournal
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, CaseResult>> _results = new();
    private readonly ConcurrentDictionary<int, Proposal> _proposals = new();
    private readonly ConcurrentDictionary<int, IterationRecord> _iterations = new();

    public Task<IReadOnlyList<CaseResult>> LoadCaseResultsAsync(string evaluationKey, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CaseResult>>(_results.TryGetValue(evaluationKey, out var r) ? r.Values.ToList() : []);

    public Task SaveCaseResultsAsync(string evaluationKey, IReadOnlyList<CaseResult> results, CancellationToken cancellationToken)
    {
        var set = _results.GetOrAdd(evaluationKey, _ => new ConcurrentDictionary<string, CaseResult>());
        foreach (var r in results) set[r.CaseId] = r;
        return Task.CompletedTask;
    }

    public Task<Proposal?> LoadProposalAsync(int iteration, CancellationToken cancellationToken) =>
        Task.FromResult(_proposals.TryGetValue(iteration, out var p) ? p : null);

    public Task SaveProposalAsync(int iteration, Proposal proposal, CancellationToken cancellationToken)
    {
        _proposals[iteration] = proposal;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IterationRecord>> LoadIterationsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IterationRecord>>(_iterations.Values.OrderBy(i => i.Iteration).ToList());

    public Task SaveIterationAsync(IterationRecord record, CancellationToken cancellationToken)
    {
        _iterations[record.Iteration] = record;
        return Task.CompletedTask;
    }
}
