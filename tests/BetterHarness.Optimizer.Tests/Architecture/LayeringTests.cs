using System.Text.RegularExpressions;

namespace BetterHarness.Optimizer.Tests.Architecture;

/// <summary>
/// The optimizer's parts depend one way: optimisation → eval runs → harness store. The harness store (versions, serving,
/// their audit) reads nothing of the optimisation or the eval runs, so the namespace loop Harnesses → Optimization.Ports →
/// EvalRuns.Models → Harnesses.Storage cannot come back.
/// </summary>
public sealed partial class LayeringTests
{
    [Fact]
    public void The_harness_store_depends_on_neither_the_optimisation_nor_the_eval_runs()
    {
        var offenders = Lines("services/Optimizer/BetterHarness.Optimizer/Harnesses").Where(l => UpperLayer().IsMatch(l.Text)).ToList();
        Assert.True(offenders.Count == 0, "the harness store reaches up:\n" + string.Join("\n", offenders.Select(o => $"{o.File}:{o.Line}: {o.Text.Trim()}")));
    }

    [Fact]
    public void The_model_catalog_does_not_reach_into_the_harness_store()
    {
        var offenders = Lines("services/Optimizer/BetterHarness.Optimizer/EvalRuns/Models").Where(l => l.Text.Contains("Harnesses", StringComparison.Ordinal)).ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders.Select(o => $"{o.File}:{o.Line}: {o.Text.Trim()}")));
    }

    [GeneratedRegex(@"\bBetterHarness\.Optimizer\.(Optimization|EvalRuns)\b|\b(OptimizationDatabase|OptimizationOptions|IHarnessVersions|EvalRunDatabase|EvalRunOptions|ModelCatalog)\b")]
    private static partial Regex UpperLayer();

    private static IEnumerable<(string File, int Line, string Text)> Lines(string folder)
    {
        var root = RepositoryRoot();
        var sep = Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}obj{sep}") && !f.Contains($"{sep}bin{sep}"))
            .SelectMany(f => File.ReadLines(f).Select((text, i) => (Path.GetRelativePath(root, f), i + 1, text)));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BetterHarness.sln"))) return dir.FullName;
        throw new InvalidOperationException("BetterHarness.sln not found above " + AppContext.BaseDirectory);
    }
}
