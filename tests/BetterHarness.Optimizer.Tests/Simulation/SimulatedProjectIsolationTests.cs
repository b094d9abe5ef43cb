using System.Reflection;
using System.Xml.Linq;
using BetterHarness.Models.Simulated;

namespace BetterHarness.Optimizer.Tests.Simulation;

/// <summary>
/// The simulated model cannot read an answer key it has no type for: neither its assembly nor anything it references
/// may know the eval-case model, the optimizer or the contracts, and its project file may not reference them.
/// </summary>
public sealed class SimulatedProjectIsolationTests
{
    private static readonly string[] Forbidden = ["BetterHarness.EvalCases", "BetterHarness.Optimizer", "BetterHarness.Contracts", "BetterHarness.Mining", "BetterHarness.Curation"];

    [Fact]
    public void Its_assembly_references_nothing_that_holds_eval_cases_directly_or_transitively()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>([typeof(SimulatedChatClient).Assembly]);
        while (pending.TryDequeue(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => seen.Add(r.Name!)))
            {
                Assert.DoesNotContain(Forbidden, f => reference.Name!.StartsWith(f, StringComparison.Ordinal));
                if (reference.Name!.StartsWith("BetterHarness.", StringComparison.Ordinal)) pending.Enqueue(Assembly.Load(reference));
            }
        }
        Assert.Contains("BetterHarness.Text", seen);
    }

    [Fact]
    public void Its_project_file_references_only_the_text_embedder()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "services/Shared/BetterHarness.Models.Simulated/BetterHarness.Models.Simulated.csproj"));
        var references = project.Descendants("ProjectReference").Select(e => Path.GetFileNameWithoutExtension((string)e.Attribute("Include")!)).ToList();
        Assert.Equal(["BetterHarness.Text"], references);
    }

    [Fact]
    public void Its_only_input_is_the_chat_request()
    {
        var publicMethods = typeof(SimulatedChatClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
        var parameterTypes = publicMethods.SelectMany(m => m.GetParameters()).Select(p => p.ParameterType.Assembly.GetName().Name!).ToHashSet();
        Assert.DoesNotContain(parameterTypes, n => n.StartsWith("BetterHarness.", StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BetterHarness.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
