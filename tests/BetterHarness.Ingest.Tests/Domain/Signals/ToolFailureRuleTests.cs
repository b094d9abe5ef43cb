using BetterHarness.Ingest.Domain.Signals.Rules;

namespace BetterHarness.Ingest.Tests.Domain.Signals;

public sealed class ToolFailureRuleTests
{
    [Theory]
    [InlineData(null, "timeout")]
    [InlineData("Error: payment amount does not add up", null)]
    [InlineData("""{"error": {"code": 404, "message": "not found"}}""", null)]
    [InlineData("""{"isError": true, "content": []}""", null)]
    [InlineData("Traceback (most recent call last):\n  File \"x.py\"", null)]
    public void Fires_for_failed_executions_and_error_results(string? result, string? error)
    {
        var trace = TestTraces.Empty with { ToolExecutions = [TestTraces.Tool("t1", "pay", "{}", result, error)] };

        var signal = Assert.Single(new ToolFailureRule().Detect(trace));

        Assert.Equal(("tool_failure", "t1"), (signal.Kind, signal.SpanId));
        Assert.StartsWith("pay: ", signal.Evidence);
    }

    [Theory]
    [InlineData("""{"error": null, "items": [1]}""")]
    [InlineData("""{"errors_seen": 3, "log": "Error: disk full at 10:00"}""")]
    [InlineData("The article explains how an Error: prefix is used.")]
    [InlineData("")]
    public void Ignores_results_that_merely_mention_errors(string result)
    {
        var trace = TestTraces.Empty with { ToolExecutions = [TestTraces.Tool("t1", "search", "{}", result)] };

        Assert.Empty(new ToolFailureRule().Detect(trace));
    }
}
