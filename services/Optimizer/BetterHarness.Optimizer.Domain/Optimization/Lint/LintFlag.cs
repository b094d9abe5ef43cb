namespace BetterHarness.Optimizer.Domain.Optimization.Lint;

/// <summary>A sign that a change fits the eval set rather than the behaviour: shown to the reviewer.</summary>
/// <param name="Kind"><c>quotes_case_literal</c>, <c>quotes_case_phrase</c> or <c>instruction_bloat</c>.</param>
/// <param name="CaseId">The optimisation case quoted, when the flag is a quote.</param>
/// <param name="Quote">The quoted literal or phrase.</param>
public sealed record LintFlag(string Kind, string Detail, string? CaseId = null, string? Quote = null);

/// <summary>The lint flag kinds.</summary>
public static class LintKinds
{
    public const string QuotesCaseLiteral = "quotes_case_literal";
    public const string QuotesCasePhrase = "quotes_case_phrase";
    public const string InstructionBloat = "instruction_bloat";
}
