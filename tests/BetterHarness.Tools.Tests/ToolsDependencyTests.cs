using System.Reflection;
using BetterHarness.Tools;

namespace BetterHarness.Tools.Tests;

/// <summary>The tools reach the services only through their HTTP APIs: no service assembly, however indirectly.</summary>
public sealed class ToolsDependencyTests
{
    /// <summary>Libraries without a service's hosting, stores or consumers: contracts, shared models, the OTLP wire types.</summary>
    private static readonly HashSet<string> Shared =
    [
        "BetterHarness.Contracts", "BetterHarness.EvalCases", "BetterHarness.Text", "BetterHarness.Corrections", "BetterHarness.Models",
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

    /// <summary>
    /// Without a database driver no tool can open a service's SQLite file or PostgreSQL schema: the data a tool reports
    /// comes over the owner's HTTP API. Checked on every BetterHarness assembly the tools load, so a domain library that
    /// later took a driver would fail here too.
    /// </summary>
    [Fact]
    public void Tools_load_no_database_driver()
    {
        var drivers = DriversReached(typeof(ToolCommands).Assembly);

        Assert.True(drivers.Count == 0, "the tools load a database driver: " + string.Join(", ", drivers));
        // The same walk from the benchmarks (which host services on scratch stores) does find one: the check can see a driver.
        Assert.Contains("Microsoft.Data.Sqlite", DriversReached(typeof(Benchmarks.EngineBenchmarks).Assembly));
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

    /// <summary>The database drivers (SQLite, PostgreSQL, Dapper) any BetterHarness assembly reached from the start references.</summary>
    private static List<string> DriversReached(Assembly start) =>
        Reached(start)
            .SelectMany(name => Assembly.Load(name).GetReferencedAssemblies())
            .Select(reference => reference.Name!)
            .Where(name => name is "Microsoft.Data.Sqlite" or "Dapper" || name.StartsWith("Npgsql", StringComparison.Ordinal)
                           || name.StartsWith("SQLitePCLRaw", StringComparison.Ordinal))
            .Distinct()
            .ToList();

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
