using BetterHarness.Mining.Domain.Cases;
using static BetterHarness.Mining.Tests.Digests;
using BetterHarness.EvalCases.Cases;

namespace BetterHarness.Mining.Tests.Cases;

public sealed class CorrectionRuleTests
{
    private static readonly CaseBuilder Builder = new(TimeProvider.System);

    private static EvalCase Build(BetterHarness.Contracts.TraceDigest digest)
    {
        var conversation = new Conversation(digest);
        var detector = new FixedDetector("no, i said", "i meant");
        var pairs = conversation.ReplyPairs();
        var verdicts = detector.Classify(pairs.Select(p => new Domain.Detection.CorrectionPair(digest.Messages[p.Assistant].Content, digest.Messages[p.User].Content)).ToList());
        return Builder.Build(digest, pairs.Select((p, i) => new TurnVerdict(p.User, p.Assistant, verdicts[i])).ToList(), "clu_1")!;
    }

    private static BetterHarness.Contracts.TraceDigest CheapestFlight() => Digest(
    [
        User("Find me the cheapest flight from JFK to SEA on May 20."),
        Agent("", Call("search_flights", """{"origin":"JFK","destination":"SEA","date":"2024-05-20","sort":"departure"}""")),
        Tool("[...]"),
        Agent("The first flight is HAT069 at 06:00 for $121. Shall I book it?"),
        User("No, I said the cheapest one, not the earliest."),
        Agent("", Call("search_flights", """{"date":"2024-05-20","origin":"JFK","destination":"SEA","sort":"price"}""")),
        Tool("[...]"),
        Agent("", Call("book_reservation", """{"flight":"HAT083","cabin":"economy","passengers":[{"name":"Mia"}]}""")),
        Agent("Booked HAT083 for $100."),
    ]);

    [Fact]
    public void Correction_expects_the_action_the_agent_took_after_it_with_scalar_arguments()
    {
        var evalCase = Build(CheapestFlight());

        // The lookup right after the correction is in the expected calls and the order, not asserted on its own.
        Assert.DoesNotContain(evalCase.Graders, g => g.Type == GraderTypes.ToolCalled && g.Tool == "search_flights");
        var action = Assert.Single(evalCase.Graders, g => g.Type == GraderTypes.ToolCalled && g.Tool == "book_reservation");
        Assert.False(action.Arguments!.ContainsKey("flight")); // the agent chose it and the user never saw it: the rubric judges it
        Assert.False(action.Arguments.ContainsKey("passengers"));
        Assert.Equal("No, I said the cheapest one, not the earliest.", evalCase.Expected.Correction);
        Assert.Equal(["search_flights", "book_reservation"], evalCase.Expected.ToolCalls.Select(c => c.Name));
    }

    [Fact]
    public void Input_ends_with_the_user_turn_before_the_corrected_agent_turn()
    {
        var evalCase = Build(CheapestFlight());

        var message = Assert.Single(evalCase.Input.Messages);
        Assert.Equal("user", message.Role);
        Assert.StartsWith("Find me the cheapest flight", message.Content);
        Assert.Equal("You are an airline agent.", evalCase.Input.SystemInstructions);
    }

    [Fact]
    public void Expected_calls_in_order_become_a_tool_order_grader_and_an_llm_rubric()
    {
        var evalCase = Build(CheapestFlight());

        var order = Assert.Single(evalCase.Graders, g => g.Type == GraderTypes.ToolOrder);
        Assert.Equal(["search_flights", "book_reservation"], order.Tools);
        Assert.Contains(evalCase.Graders, g => g.Type == GraderTypes.LlmJudge && g.Rubric!.Contains("cheapest"));
    }

    [Fact]
    public void A_tool_used_in_the_corrected_turn_but_not_afterwards_must_not_be_called()
    {
        var evalCase = Build(Digest(
        [
            User("Cancel my reservation ABC123."),
            Agent("", Call("get_user_details", """{"user_id":"mia"}""")),
            Agent("I have booked a new flight for you."),
            User("No, I said cancel it, not book another one."),
            Agent("", Call("cancel_reservation", """{"reservation_id":"ABC123"}""")),
        ]));

        Assert.Contains(evalCase.Graders, g => g.Type == GraderTypes.ToolNotCalled && g.Tool == "get_user_details");
        Assert.Contains(evalCase.Graders, g => g.Type == GraderTypes.ToolCalled && g.Tool == "cancel_reservation");
        Assert.Contains(CaseTagger.ToolSelection, evalCase.Tags);
    }

    [Fact]
    public void Correction_with_no_later_tool_call_asserts_the_new_facts_in_the_final_answer()
    {
        var evalCase = Build(Digest(
        [
            User("How many bags can I take?"),
            Agent("You can take 2 free bags."),
            User("I meant for my Gold membership, there are 3 passengers."),
            Agent("Then you can take 9 bags."),
        ]));

        Assert.Contains(evalCase.Graders, g => g.Type == GraderTypes.FinalAnswerContains && g.Text == "Gold");
        Assert.Contains(evalCase.Graders, g => g.Type == GraderTypes.FinalAnswerContains && g.Text == "3");
        Assert.DoesNotContain(evalCase.Graders, g => g.Type == GraderTypes.ToolCalled);
    }

    [Fact]
    public void Needless_question_answered_with_i_already_said_gets_a_no_clarifying_question_grader()
    {
        var evalCase = Build(Digest(
        [
            User("Book the 9am flight to Boston for tomorrow."),
            Agent("Which city would you like to fly to?"),
            User("No, I said Boston. I already told you that."),
            Agent("", Call("book_reservation", """{"destination":"BOS"}""")),
        ]));

        Assert.Contains(evalCase.Graders, g => g.Type == GraderTypes.NoClarifyingQuestion);
        Assert.Contains(CaseTagger.FollowupQuality, evalCase.Tags);
        Assert.Contains(CaseTagger.InstructionFollowing, evalCase.Tags);
    }

    [Fact]
    public void Provenance_names_the_trace_the_correcting_span_the_cluster_and_every_detector_score()
    {
        var digest = CheapestFlight();
        var evalCase = Build(digest);

        var source = Assert.Single(evalCase.Provenance!.Sources!);
        Assert.Equal(digest.TraceId, source.TraceId);
        Assert.Equal(digest.Messages[4].SpanId, source.SpanId);
        Assert.Equal("clu_1", evalCase.Provenance!.ClusterId);
        Assert.Contains(evalCase.Provenance!.DetectorScores!, s => s.SpanId == digest.Messages[4].SpanId && s.Score > 0.9);
    }

    [Fact]
    public void Trace_without_correction_or_recoverable_failure_yields_no_case()
    {
        var digest = Digest([User("Hi"), Agent("Hello, how can I help?"), User("Thanks, bye.")],
            signals: [new BetterHarness.Contracts.DigestSignal("error", null, "model returned 500")]);

        Assert.Null(Builder.Build(digest, [], null));
    }
}
