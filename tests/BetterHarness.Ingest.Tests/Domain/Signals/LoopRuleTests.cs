using BetterHarness.Ingest.Domain.Signals.Rules;

namespace BetterHarness.Ingest.Tests.Domain.Signals;

public sealed class LoopRuleTests
{
    [Fact]
    public void Fires_when_the_same_tool_gets_the_same_arguments_three_times()
    {
        var trace = TestTraces.Empty with
        {
            ToolExecutions =
            [
                TestTraces.Tool("t1", "search", """{"q": "x"}""", "[]"), TestTraces.Tool("t2", "search", """{"q":"x"}""", "[]"),
                TestTraces.Tool("t3", "search", """{"q":"x"}""", "[]"),
            ],
        };

        var signal = Assert.Single(new LoopRule().Detect(trace));

        Assert.Equal(("loop", "t3"), (signal.Kind, signal.SpanId));
    }

    [Fact]
    public void Fires_once_when_the_assistant_repeats_the_same_answer()
    {
        const string Stuck = "I could not find that flight; please check the flight number and try again.";
        var trace = TestTraces.Conversation(("assistant", Stuck), ("user", "HAT1"), ("assistant", Stuck), ("user", "HAT1!"), ("assistant", Stuck));

        var signal = Assert.Single(new LoopRule().Detect(trace));

        Assert.Equal("s2", signal.SpanId);
    }

    [Fact]
    public void Ignores_different_arguments_two_repeats_and_short_replies()
    {
        var trace = TestTraces.Conversation(("assistant", "OK."), ("user", "go"), ("assistant", "OK.")) with
        {
            ToolExecutions =
            [
                TestTraces.Tool("t1", "search", """{"q":"x"}""", "[]"), TestTraces.Tool("t2", "search", """{"q":"y"}""", "[]"),
                TestTraces.Tool("t3", "search", """{"q":"x"}""", "[]"), TestTraces.Tool("t4", "think", null, ""),
                TestTraces.Tool("t5", "think", null, ""), TestTraces.Tool("t6", "think", null, ""),
            ],
        };

        Assert.Empty(new LoopRule().Detect(trace));
    }
}
