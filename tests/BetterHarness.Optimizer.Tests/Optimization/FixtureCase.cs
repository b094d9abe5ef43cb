using BetterHarness.Optimizer.Domain.Optimization.Cases;

namespace BetterHarness.Optimizer.Tests.Optimization;

/// <summary>A fixture case: what it expects the agent to call, the harness text it needs to pass, what breaks it.</summary>
internal sealed record FixtureCase(string Id, string Category, string Tool, string Needs, string? BrokenBy, bool MustPass, bool Holdout,
    IReadOnlyList<string> Texts)
{
    public SuiteCase ToSuiteCase() => new(Id, Category, MustPass, $"cluster-{Category}", Texts);
}
