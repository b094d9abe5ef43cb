using BetterHarness.Ingest.Domain;
using BetterHarness.Ingest.Domain.Spans;
using BetterHarness.Ingest.Domain.Traces;
using static BetterHarness.Ingest.Tests.Domain.TestSpans;

namespace BetterHarness.Ingest.Tests.Domain;

public sealed class TraceShapeTests
{
    [Fact]
    public void Counts_orphans_and_falls_back_to_the_earliest_span_as_root()
    {
        RawSpan[] spans =
        [
            Span("b", "missing", "late child", 2, 3),
            Span("a", "missing", "early child", 1, 4),
            Span("c", "a", "grandchild", 2, 3),
        ];

        var trace = TraceNormalizer.Normalize(TraceId, spans, []);

        Assert.Equal((2, 3, "a"), (trace.OrphanSpanCount, trace.SpanCount, trace.RootSpanId));
        Assert.Equal((At(1), At(4)), (trace.StartUnixNano, trace.EndUnixNano));
        Assert.All(trace.Spans, s => Assert.Equal("other", s.Kind));
    }

    [Fact]
    public void Ignores_a_span_delivered_twice()
    {
        var span = Span("a", null, "root", 0, 1);

        var trace = TraceNormalizer.Normalize(TraceId, [span, span], []);

        Assert.Equal(1, trace.SpanCount);
    }

    [Fact]
    public void Collects_status_errors_exceptions_and_error_types()
    {
        RawSpan[] spans =
        [
            Span("r", null, "invoke_agent", 0, 9, ("gen_ai.operation.name", "invoke_agent")) with { StatusCode = SpanStatusCode.Error, StatusMessage = "agent crashed" },
            Span("c", "r", "chat", 1, 2, ("gen_ai.operation.name", "chat"), ("error.type", "RateLimitError")),
            Span("t", "r", "execute_tool lookup", 3, 4, ("gen_ai.operation.name", "execute_tool"), ("gen_ai.tool.name", "lookup")) with
            {
                StatusCode = SpanStatusCode.Error,
                Events = [Event("exception", 4, ("exception.type", "KeyError"), ("exception.message", "'id'"))],
            },
        ];

        var trace = TraceNormalizer.Normalize(TraceId, spans, []);

        Assert.Equal(
            [new TraceError("r", null, "agent crashed", "status"), new TraceError("c", "RateLimitError", "RateLimitError", "error.type"),
             new TraceError("t", null, "'id'", "status"), new TraceError("t", "KeyError", "'id'", "exception")],
            trace.Errors);
        Assert.Equal("'id'", trace.ToolExecutions.Single().Error);
    }

    [Fact]
    public void Appends_external_feedback()
    {
        var feedback = new FeedbackEntry(TraceId, null, 0, "thumbs_down", "meh", null, "api", At(9));

        var trace = TraceNormalizer.Normalize(TraceId, [Span("a", null, "root", 0, 1)], [feedback]);

        Assert.Equal([feedback], trace.Feedback);
    }
}
