using BetterHarness.Ingest.Domain.Signals.Rules;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Tests.Domain.Signals;

public sealed class StepLimitRuleTests
{
    [Theory]
    [InlineData("length")]
    [InlineData("max_tokens")]
    public void Fires_for_token_limit_finish_reasons(string reason)
    {
        var trace = TestTraces.Empty with { LlmCalls = [new LlmCall { SpanId = "c1", FinishReason = reason }] };

        var signal = Assert.Single(new StepLimitRule().Detect(trace));

        Assert.Equal(("step_limit", "c1"), (signal.Kind, signal.SpanId));
    }

    [Fact]
    public void Fires_when_the_agent_reports_its_iteration_limit()
    {
        var trace = TestTraces.Conversation(("user", "plan my trip"), ("assistant", "Agent stopped due to iteration limit or time limit."));

        var signal = Assert.Single(new StepLimitRule().Detect(trace));

        Assert.Equal("s1", signal.SpanId);
    }

    [Fact]
    public void Fires_for_recursion_limit_errors()
    {
        var trace = TestTraces.Empty with { Errors = [new TraceError("g", "GraphRecursionError", "Recursion limit of 25 reached without hitting a stop condition", "exception")] };

        Assert.Single(new StepLimitRule().Detect(trace));
    }

    [Fact]
    public void Ignores_normal_stops_and_talk_about_limits()
    {
        var trace = TestTraces.Conversation(("user", "What is the maximum number of steps allowed?"), ("assistant", "There is no step limit for bookings.")) with
        {
            LlmCalls = [new LlmCall { SpanId = "c1", FinishReason = "stop" }, new LlmCall { SpanId = "c2", FinishReason = "tool_calls" }],
        };

        Assert.Empty(new StepLimitRule().Detect(trace));
    }
}
