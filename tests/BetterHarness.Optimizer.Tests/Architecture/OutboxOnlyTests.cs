using System.Text.RegularExpressions;

namespace BetterHarness.Optimizer.Tests.Architecture;

/// <summary>
/// Every fact the optimizer reports leaves through an outbox, written in the transaction of the state it reports: no code
/// under services/Optimizer publishes or sends on the bus itself (the shared <c>OutboxDispatcher</c> does).
/// </summary>
public sealed partial class OutboxOnlyTests
{
    [Fact]
    public void No_optimizer_source_publishes_or_sends_on_the_bus_directly()
    {
        var root = RepositoryRoot();
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "services/Optimizer"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .Where(l => DirectBus().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "direct bus use in the optimizer:\n" + string.Join("\n", offenders));
    }

    [GeneratedRegex(@"\.(Publish|Send)\s*(<[^>]*>)?\s*\(|\bIPublishEndpoint\b|\bISendEndpointProvider\b|\bIBus\b")]
    private static partial Regex DirectBus();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BetterHarness.sln"))) return dir.FullName;
        throw new InvalidOperationException("BetterHarness.sln not found above " + AppContext.BaseDirectory);
    }
}
