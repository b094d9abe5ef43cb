using BetterHarness.Ingest.Domain.Signals.Rules;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Tests.Domain.Signals;

public sealed class UserCorrectionRuleTests
{
    [Theory]
    [InlineData("I booked a flight to LAX for you.", "No, I meant LAS, not LAX.")]
    [InlineData("Here are flights on May 21.", "That's not what I asked, I need May 20.")]
    [InlineData("Could you give me your user id?", "I already told you, it's mia_li_3668.")]
    [InlineData("You have no insurance on this booking.", "Actually, I did purchase insurance for this flight.")]
    [InlineData("Your flights go through PHX.", "I think there's a mix-up. My flights are from DTW to LGA.")]
    [InlineData("Your reservation has one passenger.", "There must be some mistake, I remember three passengers.")]
    public void Fires_when_the_user_corrects_the_previous_assistant_turn(string assistant, string user)
    {
        var trace = TestTraces.Conversation(("user", "start"), ("assistant", assistant), ("user", user));

        var signal = Assert.Single(new UserCorrectionRule().Detect(trace));

        Assert.Equal(("user_correction", "s2"), (signal.Kind, signal.SpanId));
        Assert.InRange(signal.Score!.Value, 0.5, 1.0);
    }

    [Theory]
    [InlineData("Would you like me to transfer you to a human agent?", "No, I don't want to be transferred.")]
    [InlineData("Your booking is confirmed.", "No, that's all for now. Thanks!")]
    [InlineData("What is your reservation ID?", "I don't remember the reservation ID, but my user ID is liam_khan_2521.")]
    [InlineData("Here are two flights departing at 8am.", "Neither of those options works for me. Anything later?")]
    [InlineData("Anything else?", "Actually, I also want to add a bag.")]
    public void Ignores_answers_refusals_and_new_requests(string assistant, string user)
    {
        var trace = TestTraces.Conversation(("user", "start"), ("assistant", assistant), ("user", user));

        Assert.Empty(new UserCorrectionRule().Detect(trace));
    }

    [Fact]
    public void Ignores_the_first_user_turn()
    {
        Assert.Empty(new UserCorrectionRule().Detect(TestTraces.Conversation(("user", "No, I meant the other one."))));
    }

    [Fact]
    public void Counts_feedback_carrying_a_correction()
    {
        var trace = TestTraces.Empty with
        {
            Feedback = [new FeedbackEntry(TestSpans.TraceId, "c1", null, null, null, "Should have offered a refund", "api", 0)],
        };

        var signal = Assert.Single(new UserCorrectionRule().Detect(trace));

        Assert.Equal((1.0, "c1"), (signal.Score, signal.SpanId));
    }
}
