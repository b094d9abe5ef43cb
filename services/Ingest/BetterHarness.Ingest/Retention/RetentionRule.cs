namespace BetterHarness.Ingest.Retention;

/// <summary>
/// One cut of a retention pass: traces of <see cref="Agent"/> (null = every agent without its own rule, listed in
/// <see cref="Except"/>) last evaluated before <see cref="CutoffMs"/>.
/// </summary>
public sealed record RetentionRule(string? Agent, IReadOnlyList<string> Except, long CutoffMs)
{
    /// <summary>The rules for a pass at <paramref name="nowMs"/>; an agent or default kept forever (0 days) has none.</summary>
    public static IReadOnlyList<RetentionRule> For(RetentionOptions options, long nowMs)
    {
        var rules = new List<RetentionRule>();
        foreach (var (agent, days) in options.Agents.OrderBy(a => a.Key, StringComparer.Ordinal))
            if (days > 0) rules.Add(new RetentionRule(agent, [], nowMs - Milliseconds(days)));
        if (options.Traces > 0) rules.Add(new RetentionRule(null, [.. options.Agents.Keys.Order(StringComparer.Ordinal)], nowMs - Milliseconds(options.Traces)));
        return rules;
    }

    private static long Milliseconds(double days) => (long)(days * TimeSpan.MillisecondsPerDay);
}
