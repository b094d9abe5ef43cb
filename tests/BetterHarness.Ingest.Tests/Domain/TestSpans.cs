using BetterHarness.Ingest.Domain.Spans;

namespace BetterHarness.Ingest.Tests.Domain;

/// <summary>Builds RawSpans tersely: times in seconds from an arbitrary epoch, attributes as pairs.</summary>
internal static class TestSpans
{
    public const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const long Second = 1_000_000_000;
    private const long Epoch = 1_700_000_000 * Second;

    public static RawSpan Span(string id, string? parent, string name, int start, int end, params (string Key, object? Value)[] attributes) => new()
    {
        TraceId = TraceId,
        SpanId = id,
        ParentSpanId = parent,
        Name = name,
        StartUnixNano = At(start),
        EndUnixNano = At(end),
        Attributes = attributes.ToDictionary(a => a.Key, a => a.Value),
        Resource = new Dictionary<string, object?> { ["service.name"] = "test-agent" },
    };

    public static RawSpanEvent Event(string name, int at, params (string Key, object? Value)[] attributes) =>
        new(name, At(at), attributes.ToDictionary(a => a.Key, a => a.Value));

    public static long At(int seconds) => Epoch + seconds * Second;
}
