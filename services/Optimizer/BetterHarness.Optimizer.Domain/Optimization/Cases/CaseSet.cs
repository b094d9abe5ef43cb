namespace BetterHarness.Optimizer.Domain.Optimization.Cases;

/// <summary>The cases of one split.</summary>
public sealed class CaseSet<TSplit> where TSplit : ISplit
{
    private readonly Dictionary<string, SuiteCase> _byId;

    public CaseSet(IEnumerable<SuiteCase> cases)
    {
        Cases = cases.ToList();
        _byId = new Dictionary<string, SuiteCase>(StringComparer.Ordinal);
        foreach (var c in Cases)
            if (!_byId.TryAdd(c.Id, c))
                throw new ArgumentException($"Case '{c.Id}' appears twice in the {TSplit.Name} split.", nameof(cases));
    }

    public IReadOnlyList<SuiteCase> Cases { get; }

    public int Count => Cases.Count;

    public SuiteCase this[string caseId] => _byId[caseId];

    public bool Contains(string caseId) => _byId.ContainsKey(caseId);
}
