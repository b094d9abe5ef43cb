using System.Reflection;
using BetterHarness.Tools;

namespace BetterHarness.Tools.Tests;

/// <summary>The tools reach the services only through their HTTP APIs: no service assembly, however indirectly.</summary>
public sealed class ToolsDependencyTests
{
    /// <summary>Libraries without a service's hosting, stores or consumers: contracts, shared models, the OTLP wire types.</summary>
    private static readonly HashSet<string> Shared =
    [
        "BetterHarness.Contracts", "BetterHarness.EvalCases", "BetterHarness.Text", "BetterHarness.Models",
        "BetterHarness.Models.Simulated", "BetterHarness.Ingest.Otlp",
    ];

    [Fact]
    public void Tools_reference_only_domain_and_shared_libraries()
    {
        var reached = Reached(typeof(ToolCommands).Assembly);

        var services = reached.Where(name => !name.EndsWith(".Domain", StringComparison.Ordinal) && !Shared.Contains(name)
                                             && name != "BetterHarness.Tools").ToList();
        Assert.True(services.Count == 0, "the tools reach service assemblies: " + string.Join(", ", services));
        Assert.Contains("BetterHarness.Clustering.Domain", reached);
    }

    [Fact]
    public void Tools_project_file_names_no_service_project()
    {
        var project = File.ReadAllText(Path.Combine(Root(), "tools", "BetterHarness.Tools", "BetterHarness.Tools.csproj"));
        var references = System.Text.RegularExpressions.Regex.Matches(project, "ProjectReference Include=\"([^\"]+)\"")
            .Select(m => Path.GetFileNameWithoutExtension(m.Groups[1].Value)).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.True(name.EndsWith(".Domain", StringComparison.Ordinal) || Shared.Contains(name), name));
    }

    /// <summary>Every BetterHarness assembly the given one uses, directly or through another.</summary>
    private static HashSet<string> Reached(Assembly start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start.GetName().Name! };
        var queue = new Queue<Assembly>([start]);
        while (queue.TryDequeue(out var assembly))
            foreach (var name in assembly.GetReferencedAssemblies().Where(n => n.Name!.StartsWith("BetterHarness", StringComparison.Ordinal) || n.Name == "bh"))
                if (seen.Add(name.Name!)) queue.Enqueue(Assembly.Load(name));
        return seen;
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BetterHarness.sln"))) return dir.FullName;
        throw new InvalidOperationException("BetterHarness.sln not found above " + AppContext.BaseDirectory);
    }
}
