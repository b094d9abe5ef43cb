using BetterHarness.Ingest.Domain.Signals.Rules;

namespace BetterHarness.Ingest.Tests.Domain.Signals;

public sealed class OverAskingRuleTests
{
    [Fact]
    public void Fires_when_the_assistant_asks_for_an_id_the_user_already_gave()
    {
        var trace = TestTraces.Conversation(
            ("user", "Hi, my user ID is mia_li_3668 and I want to change a flight."),
            ("assistant", "Sure. Could you please provide your user ID?"));

        var signal = Assert.Single(new OverAskingRule().Detect(trace));

        Assert.Equal(("over_asking", "s1"), (signal.Kind, signal.SpanId));
        Assert.Contains("mia_li_3668", signal.Evidence);
    }

    [Fact]
    public void Fires_after_too_many_questions_before_any_action()
    {
        var trace = TestTraces.Conversation(
            ("user", "I need a hotel."), ("assistant", "Which city would you like?"), ("user", "Rome"),
            ("assistant", "What are the dates of your stay?"), ("user", "May 3-5"),
            ("assistant", "Could you tell me how many guests?"), ("user", "2"),
            ("assistant", "What is your budget per night?"));

        var signal = Assert.Single(new OverAskingRule().Detect(trace));

        Assert.Equal("s7", signal.SpanId);
    }

    [Fact]
    public void Ignores_confirmations_new_slots_and_questions_after_a_failed_lookup()
    {
        var trace = TestTraces.Conversation(
            ("user", "My reservation ID is ZFA04Y, please cancel it."),
            ("assistant", "Just to confirm: reservation ZFA04Y, shall I proceed?"),
            ("assistant", "Could you please provide your user ID?"),
            ("user", "user ID: sara_doe_496"),
            ("tool", "Error: user not found"),
            ("assistant", "I couldn't find it. Could you please provide your user ID again?"));

        Assert.Empty(new OverAskingRule().Detect(trace));
    }
}
