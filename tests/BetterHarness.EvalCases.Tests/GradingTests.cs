using System.Text.Json.Nodes;
using BetterHarness.EvalCases.Cases;
using BetterHarness.EvalCases.Grading;

namespace BetterHarness.EvalCases.Tests;

public sealed class GradingTests
{
    private static GradedRun Run(string answer, params (string Name, string Args)[] calls) =>
        new(calls.Select(c => new RunToolCall(c.Name, JsonNode.Parse(c.Args))).ToList(), [answer]);

    private static GraderResult Grade(Grader grader, GradedRun run) => CaseGrading.GradeDeterministic(grader, run);

    [Fact]
    public void Tool_called_passes_on_a_superset_of_scalar_arguments_and_ignores_objects()
    {
        var grader = Grader.ToolCalled("book", new JsonObject { ["flight"] = "HAT1", ["seats"] = 2, ["meta"] = new JsonObject { ["x"] = 1 } });
        Assert.True(Grade(grader, Run("", ("book", "{\"seats\":2,\"flight\":\"HAT1\",\"extra\":true}"))).Passed);
        Assert.True(Grade(grader, Run("", ("book", "{\"seats\":\"2\",\"flight\":\"HAT1\"}"))).Passed);
        var wrong = Grade(grader, Run("", ("book", "{\"seats\":3,\"flight\":\"HAT1\"}")));
        Assert.Equal(GraderStatus.Failed, wrong.Status);
        Assert.Contains("seats=2", wrong.Detail);
        Assert.False(Grade(grader, Run("", ("search", "{}"))).Passed);
    }

    [Fact]
    public void Tool_not_called_fails_when_the_tool_was_called()
    {
        Assert.True(Grade(Grader.ToolNotCalled("cancel"), Run("", ("book", "{}"))).Passed);
        Assert.Equal(GraderStatus.Failed, Grade(Grader.ToolNotCalled("cancel"), Run("", ("cancel", "{}"), ("cancel", "{}"))).Status);
    }

    [Fact]
    public void Tool_order_checks_relative_order_with_other_calls_between()
    {
        var grader = Grader.ToolOrder("find", "book");
        Assert.True(Grade(grader, Run("", ("find", "{}"), ("other", "{}"), ("book", "{}"))).Passed);
        Assert.False(Grade(grader, Run("", ("book", "{}"), ("find", "{}"))).Passed);
        Assert.False(Grade(grader, Run("", ("find", "{}"))).Passed);
    }

    [Fact]
    public void No_clarifying_question_fails_on_a_question_but_not_on_a_url_query()
    {
        var grader = Grader.NoClarifyingQuestion();
        Assert.True(Grade(grader, Run("Done. See https://x.test/a?id=3 for details.")).Passed);
        var asked = Grade(grader, Run("I can do that. Could you confirm your user id?"));
        Assert.False(asked.Passed);
        Assert.Contains("Could you confirm your user id?", asked.Detail);
    }

    [Fact]
    public void Final_answer_contains_is_case_insensitive_and_reads_the_last_text()
    {
        var run = new GradedRun([], ["first mentions ABC123", "Your booking ref is abc123.", ""]);
        Assert.True(Grade(Grader.FinalAnswerContains("ABC123"), run).Passed);
        Assert.False(Grade(Grader.FinalAnswerContains("XYZ"), run).Passed);
        Assert.False(Grade(Grader.FinalAnswerContains("first"), run).Passed);
    }

    [Fact]
    public void Final_answer_matches_uses_a_regex_and_an_invalid_pattern_is_not_graded()
    {
        Assert.True(Grade(Grader.FinalAnswerMatches(@"\$\d+\.\d{2}"), Run("Refund of $120.50 issued.")).Passed);
        Assert.False(Grade(Grader.FinalAnswerMatches(@"^\d+$"), Run("no digits")).Passed);
        Assert.Equal(GraderStatus.NotGraded, Grade(Grader.FinalAnswerMatches("(unclosed"), Run("x")).Status);
    }

    [Fact]
    public void Llm_judge_without_a_judge_is_not_graded_and_never_counts_as_passed()
    {
        var c = Case(Grader.LlmJudge("be nice"));
        var verdict = CaseGrading.Grade(c, Run("anything"));
        var result = Assert.Single(verdict.Results);
        Assert.Equal(GraderStatus.NotGraded, result.Status);
        Assert.False(result.Passed);
        Assert.False(verdict.Passed);
    }

    [Fact]
    public async Task Llm_judge_asks_the_judge_when_one_is_configured()
    {
        var c = Case(Grader.ToolCalled("book"), Grader.LlmJudge("be nice"));
        var verdict = await CaseGrading.GradeAsync(c, Run("hi", ("book", "{}")), new FixedJudge(false), CancellationToken.None);
        Assert.Equal([GraderStatus.Passed, GraderStatus.Failed], verdict.Results.Select(r => r.Status));
        Assert.False(verdict.Passed);
    }

    [Fact]
    public void A_run_passes_when_every_graded_grader_passes_and_unjudged_rubrics_do_not_block_it()
    {
        var verdict = CaseGrading.Grade(Case(Grader.ToolCalled("book"), Grader.LlmJudge("r")), Run("", ("book", "{}")));
        Assert.True(verdict.Passed);
    }

    [Fact]
    public void The_expected_run_of_the_documented_case_fails_its_verbatim_free_text_grader_only_when_values_differ()
    {
        var c = EvalCaseJson.Deserialize(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "taubench-case.json")));
        var verdict = CaseGrading.Grade(c, CaseGrading.ExpectedRun(c));
        Assert.Equal([GraderStatus.Passed, GraderStatus.Passed, GraderStatus.NotGraded], verdict.Results.Select(r => r.Status));
    }

    private static EvalCase Case(params Grader[] graders) => new() { Id = "c1", Input = new CaseInput(), Graders = graders };

    private sealed class FixedJudge(bool pass) : IRubricJudge
    {
        public Task<GraderResult> JudgeAsync(EvalCase evalCase, GradedRun run, string rubric, CancellationToken cancellationToken) =>
            Task.FromResult(pass ? GraderResult.Pass("llm_judge", "ok") : GraderResult.Fail("llm_judge", "rude"));
    }
}
