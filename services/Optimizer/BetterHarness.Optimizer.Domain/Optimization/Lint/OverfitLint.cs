using BetterHarness.Optimizer.Domain.Harnesses;
using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;

namespace BetterHarness.Optimizer.Domain.Optimization.Lint;

/// <summary>
/// Step 6: flags a proposed change that quotes an optimisation case — a literal (id, code, number, name) or a
/// distinctive phrase (a word n-gram found in at most <see cref="LintOptions.MaxPhraseCases"/> cases) that the
/// starting harness does not already contain — and a change that grows the instructions beyond the bloat budget.
/// Indexes the optimisation inputs once per run.
/// </summary>
public sealed class OverfitLint
{
    private readonly LintOptions _options;
    private readonly int _startingWords;
    private readonly Dictionary<string, string> _literalCase = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (int Cases, string FirstCase)> _phrases = new(StringComparer.Ordinal);
    private readonly HashSet<string> _harnessWords;
    private readonly HashSet<string> _harnessPhrases;

    public OverfitLint(LintOptions options, CaseSet<OptimizationSplit> cases, HarnessDocument starting)
    {
        _options = options;
        // Parameter names are the harness's own words too ("reservation_id" is no quote of a case).
        var harnessText = string.Join('\n', [starting.Instructions, .. starting.Tools.SelectMany(t => new[] { t.Name, t.Description, t.Parameters.GetRawText() })]);
        _startingWords = TextTokens.WordCount(starting.Instructions);
        var harnessWords = TextTokens.Words(harnessText);
        _harnessWords = harnessWords.ToHashSet(StringComparer.OrdinalIgnoreCase);
        _harnessPhrases = TextTokens.Phrases(harnessWords, options.PhraseWords).ToHashSet(StringComparer.Ordinal);
        foreach (var c in cases.Cases) Index(c);
    }

    public IReadOnlyList<LintFlag> Check(HarnessChange change, HarnessDocument after)
    {
        var flags = new List<LintFlag>();
        // Only what the change writes can quote a case; a tool-set change writes nothing.
        var quoted = change.Kind is ChangeKinds.AddTool or ChangeKinds.RemoveTool ? "" : change.Text;
        foreach (var (token, start) in TextTokens.Tokens(quoted))
            if (TextTokens.IsLiteral(token, start) && !_harnessWords.Contains(token) && _literalCase.TryGetValue(token, out var caseId)
                && flags.All(f => !string.Equals(f.Quote, token, StringComparison.OrdinalIgnoreCase)))
                flags.Add(new LintFlag(LintKinds.QuotesCaseLiteral, $"quotes '{token}' from optimisation case {caseId}", caseId, token));
        foreach (var phrase in TextTokens.Phrases(TextTokens.Words(quoted), _options.PhraseWords).Distinct())
            if (!_harnessPhrases.Contains(phrase) && _phrases.TryGetValue(phrase, out var seen) && seen.Cases <= _options.MaxPhraseCases)
            {
                flags.Add(new LintFlag(LintKinds.QuotesCasePhrase, $"quotes \"{phrase}\", found only in {seen.Cases} optimisation case(s)", seen.FirstCase, phrase));
                break;
            }
        var budget = _options.BloatBudgetWords(_startingWords);
        var grown = TextTokens.WordCount(after.Instructions) - _startingWords;
        if (grown > budget)
            flags.Add(new LintFlag(LintKinds.InstructionBloat, $"instructions grew by {grown} words over the starting harness, budget {budget}"));
        return flags;
    }

    private void Index(SuiteCase c)
    {
        var casePhrases = new HashSet<string>(StringComparer.Ordinal);
        // Every turn of the case, not only what the diagnosis shows: a literal from turn 2 of a 40-turn case is as much a
        // quote as one from the last turn.
        foreach (var text in c.Texts.Concat(c.AllTexts))
        {
            foreach (var (token, start) in TextTokens.Tokens(text))
                if (TextTokens.IsLiteral(token, start)) _literalCase.TryAdd(token, c.Id);
            casePhrases.UnionWith(TextTokens.Phrases(TextTokens.Words(text), _options.PhraseWords));
        }
        foreach (var phrase in casePhrases)
            _phrases[phrase] = _phrases.TryGetValue(phrase, out var seen) ? (seen.Cases + 1, seen.FirstCase) : (1, c.Id);
    }
}
