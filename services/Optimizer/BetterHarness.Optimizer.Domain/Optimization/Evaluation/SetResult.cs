using BetterHarness.Optimizer.Domain.Optimization.Cases;

namespace BetterHarness.Optimizer.Domain.Optimization.Evaluation;

/// <summary>Results of one harness on every case of one split; the split is part of the type.</summary>
public sealed class SetResult<TSplit> where TSplit : ISplit
{
    private readonly Dictionary<string, CaseResult> _byId;

    public SetResult(IEnumerable<CaseResult> cases)
    {
        Cases = cases.ToList();
        _byId = Cases.ToDictionary(c => c.CaseId, StringComparer.Ordinal);
    }

    public IReadOnlyList<CaseResult> Cases { get; }

    /// <summary>Mean of the per-case pass rates (every case weighs the same, whatever its trial count).</summary>
    public double PassRate => Cases.Count == 0 ? 0 : Cases.Average(c => c.PassRate);

    public long Tokens => Cases.Sum(c => c.Tokens);

    public CaseResult this[string caseId] => _byId[caseId];

    public bool AllPass => Cases.All(c => c.PassRate >= 1.0);
}
