using BetterHarness.Mining.Domain.Cases;
using BetterHarness.Mining.Storage;
using Microsoft.Extensions.DependencyInjection;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Mining.Tests.Cases;

public sealed class SchemaRoundTripTests
{
    private static readonly BetterHarness.ServiceDefaults.Security.Actor TestActor = new("test", BetterHarness.ServiceDefaults.Security.Role.Curator, "user");

    [Fact]
    public void Export_then_import_into_an_empty_store_reproduces_every_case()
    {
        using var source = MiningServices.Create();
        using var target = MiningServices.Create();
        var cases = new[] { Samples.Case("first"), Samples.Case("second", tags: ["multi_step", "tool_selection"]) };
        foreach (var c in cases) source.GetRequiredService<CandidateImport>().Upsert(c, TestActor);

        var exported = source.GetRequiredService<CandidateQueries>().All(null).Select(EvalCaseJson.Serialize).ToList();
        foreach (var line in exported) target.GetRequiredService<CandidateImport>().Upsert(EvalCaseJson.Deserialize(line), TestActor);
        var reExported = target.GetRequiredService<CandidateQueries>().All(null).Select(EvalCaseJson.Serialize).ToList();

        Assert.Equal(2, exported.Count);
        Assert.Equal(exported, reExported);
        Assert.Equal(cases.Select(EvalCaseJson.Serialize).Order(), exported.Order());
    }

    [Fact]
    public void Every_grader_type_and_field_survives_serialization()
    {
        var evalCase = Samples.Case("hello");

        var back = EvalCaseJson.Deserialize(EvalCaseJson.Serialize(evalCase));

        Assert.Equal(EvalCaseJson.Serialize(evalCase), EvalCaseJson.Serialize(back));
        Assert.Equal(EvalCase.SchemaVersion, back.Schema);
        Assert.Equal(7, back.Graders.Select(g => g.Type).Distinct().Count());
    }

    [Fact]
    public void Import_rejects_a_line_of_another_schema_version_with_a_reason()
    {
        var line = EvalCaseJson.Serialize(Samples.Case("x") with { Schema = "betterharness.eval-case/v0" });

        var ex = Assert.Throws<FormatException>(() => EvalCaseJson.Deserialize(line));
        Assert.Contains("v0", ex.Message);
    }
}
