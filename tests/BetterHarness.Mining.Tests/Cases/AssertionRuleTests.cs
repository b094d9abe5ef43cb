using System.Text.Json.Nodes;
using BetterHarness.Contracts;
using BetterHarness.Mining.Domain.Cases;
using static BetterHarness.Mining.Tests.Digests;
using BetterHarness.EvalCases.Cases;

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
            User("Cancel reservation ABC123, my flight was delayed. It is high priority."),
            Agent("I can't cancel this reservation under our policy."),
            User("No, I said it was delayed, the airline cancelled it. Let me talk to a human."),
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
            User("Book me the cheapest economy flight to SEA."),
            Agent("The earliest is HAT069. Shall I book it?"),
            User("No, I said the cheapest one, not the earliest."),
            Agent("", Call("search_flights", """{"destination":"SEA","sort":"price"}""")),
            Tool("[...]"),
            Agent("", Call("book_reservation", """{"flight":"HAT083","cabin":"economy"}""")),
        ]));

        var grader = Assert.Single(evalCase.Graders, g => g.Type == GraderTypes.ToolCalled);
        Assert.Equal("book_reservation", grader.Tool);
        Assert.Equal("economy", (string?)grader.Arguments!["cabin"]);
        Assert.False(grader.Arguments.ContainsKey("flight")); // the agent picked it; the user never saw it
    }

    [Fact]
    public void Values_the_agent_computed_are_not_asserted_and_values_the_user_said_are()
    {
        var evalCase = Build(Digest(
        [
            User("Book JFK to SEA on May 20.\n1. One way, economy\n2. I have three bags\n3. User mia_li_3668"),
            Agent("I booked HAT136 but paid it with your card."),
            User("No, I said to use my certificate_7504069, not the card."),
            Agent("", Call("book_reservation",
                """{"user_id":"mia_li_3668","origin":"JFK","flight_type":"one_way","date":"2024-05-20","total_baggages":3,"nonfree_baggages":1,"payment_id":"certificate_7504069","insurance":"no"}""")),
        ]));

        var arguments = Assert.Single(evalCase.Graders, g => g.Type == GraderTypes.ToolCalled).Arguments!;
        Assert.Equal(["date", "flight_type", "insurance", "origin", "payment_id", "total_baggages", "user_id"], arguments.Select(p => p.Key).Order());
        Assert.Equal(3, (int)arguments["total_baggages"]!);
    }

    [Fact]
    public void Undoing_the_agents_own_action_and_handing_off_unasked_are_not_expected()
    {
        var book = Call("book_reservation", """{"user_id":"mia_li_3668","cabin":"economy"}""");
        var cancel = Call("cancel_reservation", """{"reservation_id":"NEWRES1"}""");
        var rebook = Call("book_reservation", """{"user_id":"mia_li_3668","cabin":"economy"}""");
        var transfer = Call("transfer_to_human_agents", """{"summary":"user unhappy"}""");
        var messages = new[]
        {
            User("Book economy for mia_li_3668 with my certificate."),
            Agent("", book),
            Agent("Booked NEWRES1, paid by card."),
            User("No, I said to pay with the certificate."),
            Agent("", cancel), Agent("", rebook), Agent("", transfer),
        };
        var executions = new[]
        {
            new DigestToolCall(book.Name, book.Arguments, """{"reservation_id":"NEWRES1","user_id":"mia_li_3668"}""", null, "s1", book.CallId),
            new DigestToolCall(cancel.Name, cancel.Arguments, """{"reservation_id":"NEWRES1","status":"cancelled"}""", null, "s2", cancel.CallId),
            new DigestToolCall(rebook.Name, rebook.Arguments, """{"reservation_id":"NEWRES2"}""", null, "s3", rebook.CallId),
            new DigestToolCall(transfer.Name, transfer.Arguments, "Transfer successful", null, "s4", transfer.CallId),
        };

        var graders = Build(Digest(messages, executions)).Graders.Where(g => g.Type == GraderTypes.ToolCalled).ToList();

        Assert.Equal("book_reservation", Assert.Single(graders).Tool);
    }

    [Fact]
    public void A_reused_call_id_does_not_hide_a_failed_execution()
    {
        var lookup = new DigestToolRequest("get_reservation", """{"id":"ABC123"}""", "call_1");
        var update = new DigestToolRequest("update_reservation", """{"id":"ABC123","cabin":"business"}""", "call_1");
        var executions = new[]
        {
            new DigestToolCall(lookup.Name, lookup.Arguments, "{}", null, "s1", "call_1"),
            new DigestToolCall(update.Name, update.Arguments, null, "Error: balance is not enough", "s2", "call_1"),
        };

        Assert.False(ToolCallFacts.Failed(lookup, executions));
        Assert.True(ToolCallFacts.Failed(update, executions));
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

    private static EvalCase Build(TraceDigest digest)
    {
        var conversation = new Conversation(digest);
        var detector = new FixedDetector("no, i said", "i meant");
        var pairs = conversation.ReplyPairs();
        var verdicts = detector.Classify([.. pairs.Select(p => new Domain.Detection.CorrectionPair(digest.Messages[p.Assistant].Content, digest.Messages[p.User].Content))]);
        return Builder.Build(digest, [.. pairs.Select((p, i) => new TurnVerdict(p.User, p.Assistant, verdicts[i]))], "clu_1")!;
    }
}
