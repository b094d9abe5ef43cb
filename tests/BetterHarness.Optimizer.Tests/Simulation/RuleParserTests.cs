using System.Text.Json;
using BetterHarness.Models.Simulated;
using BetterHarness.Models.Simulated.Instructions;

namespace BetterHarness.Optimizer.Tests.Simulation;

/// <summary>How the simulated model reads an instruction sentence as a rule.</summary>
public sealed class RuleParserTests
{
    private static readonly IReadOnlyList<DeclaredTool> Tools =
    [
        DeclaredTool.From("transfer_to_human_agents", "Transfer the user to a human agent.", JsonDocument.Parse("{}").RootElement),
        DeclaredTool.From("cancel_reservation", "Cancel the whole reservation.", JsonDocument.Parse("{}").RootElement),
        DeclaredTool.From("get_user_details", "Get the details of a user.", JsonDocument.Parse("{}").RootElement),
    ];

    [Theory]
    [InlineData("When the user mentions insurance, a refund or a trip, call transfer_to_human_agents.", "the user mentions insurance, a refund or a trip", "Call:transfer_to_human_agents")]
    [InlineData("If a customer with insurance wants a refund, transfer them to a human agent rather than cancel_reservation.", "a customer with insurance wants a refund", "Call:transfer_to_human_agents,Avoid:cancel_reservation")]
    [InlineData("Do not call cancel_reservation unless the user confirmed it.", "the user confirmed it", "Avoid:cancel_reservation")]
    [InlineData("Before calling cancel_reservation, call get_user_details.", null, "Order:get_user_details")]
    [InlineData("Never ask the customer again for what they already said; state those values in your answer.", null, "NoQuestion:,StateValues:")]
    public void Reads_situation_and_actions(string sentence, string? situation, string effects)
    {
        var rule = RuleParser.Parse(sentence, Tools);
        Assert.NotNull(rule);
        Assert.Equal(situation, rule.Situation);
        Assert.Equal(effects, string.Join(",", rule.Effects.Select(e => $"{e.Action}:{e.Tool}")));
    }

    [Fact]
    public void A_sentence_that_asks_for_nothing_it_can_do_is_not_a_rule() =>
        Assert.Null(RuleParser.Parse("You should always be polite and respectful to the user.", Tools));

    [Fact]
    public void A_rule_quoting_a_value_keeps_it_as_a_literal() =>
        Assert.Equal(["ZX81AA"], RuleParser.Parse("For ZX81AA use transfer_to_human_agents.", Tools)!.Literals);
}
