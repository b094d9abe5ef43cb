using BetterHarness.Optimizer.Domain.Optimization.Diagnosis;

namespace BetterHarness.Optimizer.Domain.Optimization.Proposals;

/// <summary>
/// The offline proposer (no proposer model configured): a general method over the diagnosis. Each failure pattern —
/// a tool the agent did not call and what it called instead, a tool it should not have called, a broken order, a
/// needless question, missing facts, the step limit, unstable outcomes (<see cref="FailurePatterns"/>) — maps to
/// instruction rules and tool-suite edits (<see cref="RuleTemplates"/>), worded from the tools and from words several
/// failing cases' users share, never from one case's words or values, and never from the case's expected-behaviour
/// text. Patterns are ranked by how much failure they explain; a change already rejected is never proposed again, so
/// a rejection moves the proposer to the next wording or the next pattern.
/// </summary>
public sealed class RuleBasedProposer : IHarnessProposer
{
    /// <summary>A case text starting with this is the case's expected behaviour; the proposer does not read it.</summary>
    public const string ExpectedPrefix = "expected: ";
    /// <summary>Case texts that state the expectation or the agent's own words, not the user's situation.</summary>
    private static readonly string[] NotTheSituation = [ExpectedPrefix, "expected", "correction:", "assistant:"];

    public string Name => "rules (offline)";

    public Task<Proposal> ProposeAsync(ProposalInput input, CancellationToken cancellationToken)
    {
        var diagnosis = input.Diagnosis;
        var cases = diagnosis.FailingCases.ToDictionary(c => c.CaseId, StringComparer.Ordinal);
        var toolWords = input.ToolCatalog.Concat(input.Harness.Tools).SelectMany(t => t.Name.Split('_')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var penalised = input.RejectedAttempts.SelectMany(r => r.RegressedCategories).ToHashSet(StringComparer.Ordinal);
        var candidates = new List<(HarnessChange Change, double Weight)>();
        foreach (var pattern in diagnosis.Patterns)
        {
            var patternCases = pattern.CaseIds.Where(cases.ContainsKey).Select(id => cases[id]).ToList();
            var weight = patternCases.Sum(c => 1 - c.PassRate);
            // A pattern whose earlier change regressed other categories is tried later, not never.
            if (patternCases.Any(c => penalised.Contains(c.Category))) weight *= 0.5;
            // What the users said, shared by at least two of the pattern's cases; never the expectation or the correction.
            var words = GeneralWords.Shared(patternCases.Select(c => c.Texts.Where(IsSituation)), toolWords, 4);
            foreach (var change in RuleTemplates.For(pattern, words, diagnosis, input.Harness, input.ToolCatalog))
                candidates.Add((change with { Rationale = Rationale(pattern, patternCases, change) }, weight));
        }
        var changes = candidates
            .Where(c => !input.RejectedAttempts.Any(r => r.Change.SameEditAs(c.Change)))
            .Where(c => c.Change.Kind != ChangeKinds.AddInstruction || !input.Harness.Instructions.Contains(c.Change.Text, StringComparison.OrdinalIgnoreCase))
            .Where(c => c.Change.Kind != ChangeKinds.AddInstruction || Words(c.Change.Text) <= input.InstructionWordsLeft)
            .Where(c => HarnessChangeApplier.Apply(input.Harness, c.Change, input.ToolCatalog).Harness is not null)
            .OrderByDescending(c => c.Weight)
            .Select(c => c.Change)
            .DistinctBy(c => (c.Kind, c.Target, c.Text))
            .Take(input.MaxChanges)
            .ToList();
        return Task.FromResult(new Proposal(changes, 0));
    }

    private static string Rationale(FailurePattern pattern, IReadOnlyList<FailingCase> cases, HarnessChange change)
    {
        var categories = string.Join(", ", cases.Select(c => c.Category).Distinct().Order(StringComparer.Ordinal));
        var what = pattern.Kind switch
        {
            FailurePatternKinds.MissedTool => $"the agent did not call {pattern.Tool}" + (pattern.Other is null ? "" : $" (it called {pattern.Other} instead)"),
            FailurePatternKinds.UnwantedTool => $"the agent called {pattern.Tool}, which the graders rule out",
            FailurePatternKinds.BrokenOrder => $"the agent skipped {pattern.Other}" + (pattern.Tool is null ? "" : $" before {pattern.Tool}"),
            FailurePatternKinds.WrongArguments => $"the agent called {pattern.Tool} with arguments the graders did not accept",
            FailurePatternKinds.NeedlessQuestion => "the agent asked for what the user had already said",
            FailurePatternKinds.MissingFacts => "the agent's answer lacked facts the graders wanted",
            FailurePatternKinds.StepLimit => "the agent ran out of steps",
            _ => "outcomes change from trial to trial under the same harness",
        };
        return $"In {cases.Count} failing optimisation case(s) ({categories}) {what}; {change.Kind.Replace('_', ' ')} addresses the pattern, not the cases.";
    }

    private static bool IsSituation(string text) => !NotTheSituation.Any(p => text.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
