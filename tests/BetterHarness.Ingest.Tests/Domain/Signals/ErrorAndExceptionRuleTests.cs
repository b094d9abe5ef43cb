using BetterHarness.Ingest.Domain.Signals.Rules;
using BetterHarness.Ingest.Domain.Traces;

namespace BetterHarness.Ingest.Tests.Domain.Signals;

public sealed class ErrorAndExceptionRuleTests
{
    private static readonly NormalizedTrace Trace = TestTraces.Empty with
    {
        Spans =
        [
            new NormalizedSpan("llm", null, "chat", "llm", "gen_ai", 0, 1, "error", "rate limited", RawAttributes.None),
            new NormalizedSpan("tool", null, "execute_tool", "tool", "gen_ai", 0, 1, "error", "boom", RawAttributes.None),
        ],
        Errors =
        [
            new TraceError("llm", "RateLimitError", "rate limited", "status"),
            new TraceError("tool", null, "boom", "status"),
            new TraceError("tool", "ValueError", "bad input", "exception"),
        ],
    };

    [Fact]
    public void Error_fires_for_failed_non_tool_spans_only()
    {
        var signal = Assert.Single(new ErrorRule().Detect(Trace));

        Assert.Equal(new Signal("error", "llm", "rate limited", "RateLimitError"), signal);
    }

    [Fact]
    public void Error_stays_silent_without_errors() => Assert.Empty(new ErrorRule().Detect(TestTraces.Empty));

    [Fact]
    public void Exception_fires_for_each_exception_event()
    {
        var signal = Assert.Single(new ExceptionRule().Detect(Trace));

        Assert.Equal(new Signal("exception", "tool", "ValueError: bad input", "ValueError"), signal);
    }

    [Fact]
    public void Exception_ignores_plain_status_errors() =>
        Assert.Empty(new ExceptionRule().Detect(Trace with { Errors = [.. Trace.Errors.Where(e => e.Source != "exception")] }));
}

internal static class RawAttributes
{
    public static readonly IReadOnlyDictionary<string, object?> None = new Dictionary<string, object?>();
}
