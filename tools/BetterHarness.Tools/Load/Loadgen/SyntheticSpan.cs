using Google.Protobuf;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Tools.Load.Loadgen;

/// <summary>Span skeletons shared by the profiles: ids, timing, kind.</summary>
internal static class SyntheticSpan
{
    public static Span Create(ByteString traceId, Span? parent, string name, ulong startNanos, ulong durationNanos, Random rng) => new()
    {
        TraceId = traceId,
        SpanId = RandomId(rng, 8),
        ParentSpanId = parent?.SpanId ?? ByteString.Empty,
        Name = name,
        Kind = parent is null ? Span.Types.SpanKind.Server : Span.Types.SpanKind.Client,
        StartTimeUnixNano = startNanos,
        EndTimeUnixNano = startNanos + durationNanos,
    };

    public static ByteString RandomId(Random rng, int length)
    {
        var bytes = new byte[length];
        rng.NextBytes(bytes);
        bytes[0] |= 1; // an all-zero id is invalid in OTLP; this makes it impossible
        return ByteString.CopyFrom(bytes);
    }

    public static ulong NowNanos() => (ulong)(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000);
}
