namespace BetterHarness.Optimizer.Domain.Optimization.Lint;

/// <summary>Overfit lint thresholds.</summary>
/// <param name="BloatFraction">The instructions may grow by this fraction of the starting harness's words…</param>
/// <param name="MinBloatWords">…or by this many words, whichever is more, before a change is flagged as bloat.</param>
/// <param name="PhraseWords">Length in words of the phrases compared against optimisation inputs.</param>
/// <param name="MaxPhraseCases">A phrase is distinctive (case-specific) when at most this many cases contain it.</param>
public sealed record LintOptions(double BloatFraction = 0.25, int MinBloatWords = 150, int PhraseWords = 5, int MaxPhraseCases = 2)
{
    public int BloatBudgetWords(int startingWords) => Math.Max(MinBloatWords, (int)(BloatFraction * startingWords));
}
