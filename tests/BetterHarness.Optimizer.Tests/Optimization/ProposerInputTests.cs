using System.Reflection;
using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Journal;
using BetterHarness.Optimizer.Domain.Optimization.Loop;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;

namespace BetterHarness.Optimizer.Tests.Optimization;

public sealed class ProposerInputTests
{
    [Fact]
    public async Task The_proposer_input_never_contains_holdout_content()
    {
        var fixture = Fixture.Airline();
        // Holdout cases that fail like the optimisation ones, with unmistakable text.
        for (var i = 0; i < fixture.Cases.Count; i++)
            if (fixture.Cases[i].Holdout)
                fixture.Cases[i] = fixture.Cases[i] with { Texts = [.. fixture.Cases[i].Texts, $"SEALED-HOLDOUT-MARKER-{i} refund baggage"] };
        var recording = new RecordingProposer(new RuleBasedProposer());

        await new OptimizationLoop(new FakeEvaluator(fixture.ById, 0.05), recording, new InMemoryOptimizationJournal(),
            new OptimizationSettings { MaxIterations = 4 }, TimeProvider.System).RunAsync(fixture.Request(), CancellationToken.None);

        Assert.NotEmpty(recording.Inputs);
        var optimisationTexts = fixture.Cases.Where(c => !c.Holdout).SelectMany(c => c.Texts).ToHashSet();
        var holdoutOnlyTexts = fixture.Cases.Where(c => c.Holdout).SelectMany(c => c.Texts).Where(t => !optimisationTexts.Contains(t)).ToList();
        Assert.Equal(12, holdoutOnlyTexts.Count);
        Assert.Contains("opt-refund-", ProposerPrompt.Render(recording.Inputs[0]));
        foreach (var input in recording.Inputs)
        {
            var prompt = ProposerPrompt.Render(input);
            Assert.DoesNotContain("SEALED-HOLDOUT-MARKER", prompt);
            Assert.DoesNotContain("hold-", prompt);
            Assert.DoesNotContain(holdoutOnlyTexts, t => prompt.Contains(t, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_one_builder_of_proposer_input_takes_optimisation_split_types_only()
    {
        var builders = typeof(ProposalInput).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(ProposalInput) || m.ReturnType == typeof(Task<ProposalInput>))
            .Where(m => !m.Name.StartsWith('<')) // the record's compiler-generated clone
            .ToList();
        var builder = Assert.Single(builders);
        Assert.Equal(typeof(ProposalInputBuilder), builder.DeclaringType);
        Assert.All(builder.GetParameters(), p => Assert.False(Mentions(p.ParameterType, typeof(HoldoutSplit)), p.Name));
        Assert.Contains(builder.GetParameters(), p => Mentions(p.ParameterType, typeof(OptimizationSplit)));
        Assert.False(Reaches(typeof(ProposalInput), typeof(HoldoutSplit), []), "ProposalInput must not be able to hold a holdout type");
    }

    private static bool Mentions(Type type, Type split) =>
        type == split || (type.IsGenericType && type.GetGenericArguments().Any(a => Mentions(a, split)));

    private static bool Reaches(Type type, Type target, HashSet<Type> seen)
    {
        if (type == target) return true;
        if (!seen.Add(type) || type.IsPrimitive || type == typeof(string) || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true && !type.IsGenericType)
            return false;
        if (type.IsGenericType && type.GetGenericArguments().Any(a => Reaches(a, target, seen))) return true;
        return type.GetProperties().Any(p => Reaches(p.PropertyType, target, seen));
    }
}
