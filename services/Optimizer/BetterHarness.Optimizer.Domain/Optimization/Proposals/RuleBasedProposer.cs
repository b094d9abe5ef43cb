using BetterHarness.Optimizer.Domain.Optimization.Diagnosis;


namespace BetterHarness.Optimizer.Domain.Optimization.Proposals;

/// <summary>
/// The offline proposer (simulated mode, no model configured). Maps each failure pattern of the diagnosis to a
/// GENERAL rule — "call T when the user wants to …", "do not ask again for what the user gave" — worded from the
/// tools and from words that several failing cases share, never from one case's values. Patterns are ranked by
/// how much failure they explain; a change already rejected is never proposed again, so a rejection moves the
/// proposer to the next wording or the next pattern.
/// </summary>
public sealed class RuleBasedProposer : IHarnessProposer
{
    /// <summary>A case text starting with this is the case's expected behaviour (one sentence, written by mining or a curator).</summary>
    public const string ExpectedPrefix = "expected: ";

    public string Name => "rules (offline)";

    public Task<Proposal> ProposeAsync(ProposalInput input, CancellationToken cancellationToken)
    {
        var candidates = new List<(HarnessChange Change, double Weight)>();
        var toolWords = input.ToolCatalog.SelectMany(t => t.Name.Split('_')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var penalised = input.RejectedAttempts.SelectMany(r => r.RegressedCategories).ToHashSet(StringComparer.Ordinal);
        foreach (var pattern in Patterns(input.Diagnosis))
        {
            var weight = pattern.Cases.Sum(c => 1 - c.PassRate);
            // A rule for a pattern whose earlier change regressed other categories is tried later, not never.
            if (pattern.Cases.Any(c => penalised.Contains(c.Category))) weight *= 0.5;
            var words = GeneralWords.Shared(pattern.Cases.Select(c => c.Texts.Where(t => !t.StartsWith(ExpectedPrefix, StringComparison.Ordinal))), toolWords, 4);
            var behaviour = SharedBehaviour.Of(pattern.Cases.Select(c => c.Texts), ExpectedPrefix, toolWords);
            foreach (var change in RuleTemplates.For(pattern.GraderType, pattern.Tool, words, behaviour, input.Harness))
                candidates.Add((change with { Rationale = Rationale(pattern, change) }, weight));
        }
        var changes = candidates
            .Where(c => !input.RejectedAttempts.Any(r => r.Change.SameEditAs(c.Change)))
            .Where(c => c.Change.Kind != ChangeKinds.AddInstruction || !input.Harness.Instructions.Contains(c.Change.Text, StringComparison.OrdinalIgnoreCase))
            .Where(c => c.Change.Kind != ChangeKinds.AddInstruction || Words(c.Change.Text) <= input.InstructionWordsLeft)
            .OrderByDescending(c => c.Weight)
            .Select(c => c.Change)
            .Take(input.MaxChanges)
            .ToList();
        return Task.FromResult(new Proposal(changes, 0));
    }

    private static IEnumerable<(string GraderType, string? Tool, IReadOnlyList<FailingCase> Cases)> Patterns(FailureDiagnosis diagnosis) =>
        diagnosis.FailingCases
            .SelectMany(c => c.Symptoms.Select(s => (s.GraderType, s.Tool, Case: c)))
            .Where(x => x.GraderType != GraderNames.LlmJudge)
            .GroupBy(x => (x.GraderType, x.Tool))
            .Select(g => (g.Key.GraderType, g.Key.Tool, (IReadOnlyList<FailingCase>)g.Select(x => x.Case).DistinctBy(c => c.CaseId).ToList()));

    private static string Rationale((string GraderType, string? Tool, IReadOnlyList<FailingCase> Cases) pattern, HarnessChange change)
    {
        var categories = string.Join(", ", pattern.Cases.Select(c => c.Category).Distinct().Order(StringComparer.Ordinal));
        return $"{pattern.Cases.Count} failing optimisation case(s) ({categories}) fail '{pattern.GraderType}'" +
               (pattern.Tool is null ? "" : $" on {pattern.Tool}") + $"; a general rule as {change.Kind.Replace('_', ' ')} addresses the pattern, not the cases.";
    }

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
