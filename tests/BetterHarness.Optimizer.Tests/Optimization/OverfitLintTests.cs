using BetterHarness.Optimizer.Domain.Optimization.Cases;
using BetterHarness.Optimizer.Domain.Optimization.Lint;
using BetterHarness.Optimizer.Domain.Optimization.Proposals;

namespace BetterHarness.Optimizer.Tests.Optimization;

public sealed class OverfitLintTests
{
    private static readonly Fixture Airline = Fixture.Airline();

    private static OverfitLint Lint(LintOptions? options = null) => new(options ?? new LintOptions(), Airline.Optimization, Airline.Harness);

    private static IReadOnlyList<LintFlag> Check(string text, OverfitLint? lint = null)
    {
        var change = ScriptedProposer.Add(text);
        var (after, _) = HarnessChangeApplier.Apply(Airline.Harness, change, Airline.Harness.Tools);
        return (lint ?? Lint()).Check(change, after!);
    }

    [Theory]
    [InlineData("If the booking ref is ZK102P2, add the bags.", "ZK102P2")]
    [InlineData("For user noah_3_4471 always add a bag.", "noah_3_4471")]
    [InlineData("When Amelia1 writes, transfer her.", "Amelia1")]
    [InlineData("Ms Okafor always gets a refund.", "Okafor")]
    public void Flags_a_change_quoting_a_literal_of_an_optimisation_input(string text, string literal)
    {
        var flag = Assert.Single(Check(text), f => f.Kind == LintKinds.QuotesCaseLiteral);
        Assert.Equal(literal, flag.Quote);
        Assert.StartsWith("opt-", flag.CaseId);
    }

    [Fact]
    public void Flags_a_change_quoting_a_distinctive_phrase_of_an_optimisation_input()
    {
        var flag = Assert.Single(Check("If they say I was charged twice, refund the extra charge, transfer them."));
        Assert.Equal(LintKinds.QuotesCasePhrase, flag.Kind);
        Assert.Equal("opt-refund-3", flag.CaseId);
    }

    [Fact]
    public void Flags_a_change_that_bloats_the_instructions_beyond_the_budget()
    {
        var longRule = string.Join(' ', Enumerable.Repeat("Always be careful with every single step of the process.", 20));

        var flag = Assert.Single(Check(longRule));

        Assert.Equal(LintKinds.InstructionBloat, flag.Kind);
        Assert.Contains("budget 150", flag.Detail);
    }

    [Theory]
    [InlineData("When the user asks for a refund of a cancelled trip, call transfer_to_human_agents.")]
    [InlineData("Add checked bags with update_reservation_baggages when the user asks for more luggage.")]
    [InlineData("Be polite and concise; confirm the reservation before changing it.")]
    public void Does_not_flag_a_general_rule(string text) => Assert.Empty(Check(text));

    [Fact]
    public async Task The_rule_proposer_never_quotes_case_literals()
    {
        var fixture = Fixture.Airline();
        var diagnosisInput = ProposalInputBuilder.Build(fixture.Harness, fixture.Optimization,
            new Domain.Optimization.Evaluation.SetResult<OptimizationSplit>(fixture.Optimization.Cases.Select(c => new Domain.Optimization.Evaluation.CaseResult(c.Id,
                [new(false, [new("tool_called", fixture.ById[c.Id].Tool, "not called")], [], "?", null, 1)]))),
            [], fixture.Harness.Tools, 10, 500);

        var proposal = await new RuleBasedProposer().ProposeAsync(diagnosisInput, CancellationToken.None);

        Assert.True(proposal.Changes.Count >= 4);
        var lint = Lint();
        foreach (var change in proposal.Changes)
        {
            var (after, error) = HarnessChangeApplier.Apply(fixture.Harness, change, fixture.Harness.Tools);
            Assert.Null(error);
            Assert.Empty(lint.Check(change, after!));
        }
    }

    [Fact]
    public void Looks_at_every_turn_of_a_case_not_only_the_last_five()
    {
        // A 14-turn conversation whose distinctive literal and phrase appear only in the first turns.
        var long_ = new BetterHarness.EvalCases.Cases.EvalCase
        {
            Id = "opt-long",
            Input = new BetterHarness.EvalCases.Cases.CaseInput
            {
                Messages =
                [
                    new("user", "My booking is QX77LM and the flamingo festival starts tomorrow morning."),
                    new("assistant", "", [new("get_reservation_details", new System.Text.Json.Nodes.JsonObject { ["reservation_id"] = "QX77LM" })]),
                    new("tool", "{\"reservation_id\":\"QX77LM\",\"passenger\":\"Ingrid Halvorsen\"}"),
                    .. Enumerable.Range(0, 11).Select(i => new BetterHarness.EvalCases.Cases.CaseMessage(i % 2 == 0 ? "assistant" : "user", $"turn {i}: fine, thanks")),
                ],
            },
        };
        var suite = BetterHarness.Optimizer.Optimization.Ports.CaseMapping.ToSuiteCase(long_);
        var lint = new OverfitLint(new LintOptions(), new CaseSet<OptimizationSplit>([suite]), Airline.Harness);

        Assert.DoesNotContain(suite.Texts, t => t.Contains("QX77LM", StringComparison.Ordinal));
        Assert.Contains(Check("If the reservation is QX77LM, check the date.", lint), f => f.Kind == LintKinds.QuotesCaseLiteral && f.Quote == "QX77LM");
        Assert.Contains(Check("Passengers like Halvorsen get priority.", lint), f => f.Quote == "Halvorsen");
        Assert.Contains(Check("Mind that the flamingo festival starts tomorrow morning.", lint), f => f.Kind == LintKinds.QuotesCasePhrase);
    }
}
