namespace BetterHarness.Optimizer.Domain.Optimization.Cases;

/// <summary>
/// One eval case as the optimiser sees it: identity, the category and cluster it is reported under, whether it
/// belongs to the must-pass regression subset, and its texts (conversation, tool arguments, expected behaviour),
/// which the diagnosis shows the proposer and the overfit lint checks proposals against.
/// </summary>
/// <param name="Texts">The case's own strings: messages, recorded tool arguments, the correction. Never graded.</param>
public sealed record SuiteCase(string Id, string Category, bool MustPass, string? ClusterId, IReadOnlyList<string> Texts)
{
    /// <summary>Every string of the case — each turn of the conversation whatever its role, tool-call arguments, recorded
    /// tool calls and answers — for the overfit lint, which must catch a quote from any turn.</summary>
    public IReadOnlyList<string> AllTexts { get; init; } = [];
}
