using System.Text.Json.Nodes;
using BetterHarness.Mining.Domain.Cases;
using static BetterHarness.Mining.Tests.Digests;

namespace BetterHarness.Mining.Tests.Cases;

/// <summary>An assertion must be passable by every correct agent: free text is never asserted verbatim.</summary>
public sealed class AssertionRuleTests
{
    private static readonly CaseBuilder Builder = new(TimeProvider.System);

    [Fact]
    public void Free_text_arguments_are_left_out_of_tool_called_assertions_and_values_are_kept()
    {
        var evalCase = Build(Digest(
        [
            User("Cancel reservation ABC123, my flight was delayed."),
            Agent("I can't cancel this reservation under our policy."),
            User("No, I said it was delayed, the airline cancelled it."),
            Agent("", Call("transfer_to_human_agents",
                """{"summary":"User wants to cancel ABC123 because the airline cancelled the flight","reservation_id":"ABC123","priority":"high"}""")),
        ]));

        var grader = Assert.Single(evalCase.Graders, g => g.Type == GraderTypes.ToolCalled);
        Assert.Equal("transfer_to_human_agents", grader.Tool);
        Assert.False(grader.Arguments!.ContainsKey("summary"));
        Assert.Equal("ABC123", (string?)grader.Arguments["reservation_id"]);
        Assert.Equal("high", (string?)grader.Arguments["priority"]);
    }

    [Fact]
    public void The_action_is_asserted_not_the_lookup_before_it()
    {
        var evalCase = Build(Digest(
        [
            User("Book me the cheapest flight to SEA."),
            Agent("The earliest is HAT069. Shall I book it?"),
            User("No, I said the cheapest one, not the earliest."),
            Agent("", Call("search_flights", """{"destination":"SEA","sort":"price"}""")),
            Tool("[...]"),
            Agent("", Call("book_reservation", """{"flight":"HAT083","cabin":"economy"}""")),
        ]));

        var grader = Assert.Single(evalCase.Graders, g => g.Type == GraderTypes.ToolCalled);
        Assert.Equal("book_reservation", grader.Tool);
        Assert.Equal("HAT083", (string?)grader.Arguments!["flight"]);
    }

    [Theory]
    [InlineData("\"ABC123\"", false)]
    [InlineData("\"economy\"", false)]
    [InlineData("\"Mia Li\"", false)]
    [InlineData("\"2024-05-20\"", false)]
    [InlineData("250", false)]
    [InlineData("\"change of plan\"", true)]
    [InlineData("\"User wants a refund for the cancelled flight\"", true)]
    [InlineData("\"the customer asked about insurance\"", true)]
    public void Prose_is_free_text_and_values_are_not(string json, bool freeText) =>
        Assert.Equal(freeText, ToolCallFacts.IsFreeText(JsonNode.Parse(json)));

    private static EvalCase Build(BetterHarness.Contracts.TraceDigest digest)
    {
        var conversation = new Conversation(digest);
        var detector = new FixedDetector("no, i said", "i meant");
        var pairs = conversation.ReplyPairs();
        var verdicts = detector.Classify([.. pairs.Select(p => new Domain.Detection.CorrectionPair(digest.Messages[p.Assistant].Content, digest.Messages[p.User].Content))]);
        return Builder.Build(digest, [.. pairs.Select((p, i) => new TurnVerdict(p.User, p.Assistant, verdicts[i]))], "clu_1")!;
    }
}
