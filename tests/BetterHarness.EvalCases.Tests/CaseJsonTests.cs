using BetterHarness.EvalCases.Cases;

namespace BetterHarness.EvalCases.Tests;

public sealed class CaseJsonTests
{
    private static string Example => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "taubench-case.json"));

    [Fact]
    public void Reads_the_documented_example_case()
    {
        var c = EvalCaseJson.Deserialize(Example);
        Assert.Equal("cand_01a216997f2178b5bd61d64200a4a7b0", c.Id);
        Assert.Equal(3, c.Input.Messages.Count);
        Assert.Equal("get_reservation_details {\"reservation_id\":\"3RK2T9\"}", Assert.Single(c.Tools.Recorded).Key);
        Assert.Equal([GraderTypes.ToolCalled, GraderTypes.ToolNotCalled, GraderTypes.LlmJudge], c.Graders.Select(g => g.Type));
        Assert.Equal("fc-a0b5adceb4c9", c.Provenance?.ClusterId);
        Assert.Equal("followup_quality", c.CategoryOrFirstTag);
    }

    [Fact]
    public void Round_trips_through_json_and_keeps_curation_fields()
    {
        var c = EvalCaseJson.Deserialize(Example) with { Category = "tool_selection", Split = "holdout", MustPass = true };
        var again = EvalCaseJson.Deserialize(EvalCaseJson.Serialize(c));
        Assert.Equal(EvalCaseJson.Serialize(c), EvalCaseJson.Serialize(again));
        Assert.Equal("holdout", again.Split);
        Assert.True(again.MustPass);
        Assert.Equal("tool_selection", again.CategoryOrFirstTag);
    }

    [Fact]
    public void Rejects_an_unknown_schema_version_by_name()
    {
        var ex = Assert.Throws<FormatException>(() => EvalCaseJson.Deserialize(Example.Replace("eval-case/v1", "eval-case/v9")));
        Assert.Contains("eval-case/v9", ex.Message);
    }

    [Fact]
    public void Reports_bad_lines_with_their_numbers_and_keeps_the_good_ones()
    {
        var line = EvalCaseJson.Serialize(EvalCaseJson.Deserialize(Example));
        var lines = EvalCaseJson.ReadLines(new StringReader($"{line}\n\n{{not json\n{line.Replace("cand_01a2", "cand_99a2")}\n{{\"schema\":\"betterharness.eval-case/v1\"}}\n"));
        Assert.Equal(2, lines.Cases.Count);
        Assert.Equal([3, 5], lines.Errors.Select(e => e.Line));
    }
}
