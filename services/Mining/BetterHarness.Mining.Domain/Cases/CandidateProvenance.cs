using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Mining.Domain.Cases;

/// <summary>
/// A candidate's provenance as mining reads it. Every candidate has one (the builder writes it, import requires it);
/// the shared model leaves it optional because hand-written eval-store cases may lack it.
/// </summary>
public static class CandidateProvenance
{
    public static CaseProvenance Of(EvalCase evalCase) =>
        evalCase.Provenance ?? throw new FormatException($"candidate {evalCase.Id} has no 'provenance'");

    public static IReadOnlyList<CaseSource> Sources(EvalCase evalCase) => evalCase.Provenance?.Sources ?? [];

    public static string CreatedAt(EvalCase evalCase) => (Of(evalCase).CreatedAt ?? default).ToString("O");
}
