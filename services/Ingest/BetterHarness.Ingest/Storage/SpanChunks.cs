using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Ingest.Storage;

/// <summary>Groups a request's spans by trace and derives each group's idempotency key.</summary>
internal static class SpanChunks
{
    /// <summary>The spans of each trace, in arrival order (spans of one trace are usually adjacent).</summary>
    public static IEnumerable<List<Span>> ByTrace(RepeatedField<Span> spans)
    {
        if (spans.Count == 0) yield break;
        if (spans.All(s => s.TraceId.Equals(spans[0].TraceId)))
        {
            yield return [.. spans];
            yield break;
        }
        var groups = new Dictionary<ByteString, List<Span>>();
        var order = new List<List<Span>>();
        foreach (var span in spans)
        {
            if (!groups.TryGetValue(span.TraceId, out var group))
            {
                groups[span.TraceId] = group = [];
                order.Add(group);
            }
            group.Add(span);
        }
        foreach (var group in order) yield return group;
    }

    /// <summary>SHA-256 (first 16 bytes) of the sorted span ids: equal for the same set of spans however ordered.</summary>
    public static byte[] Key(List<Span> spans)
    {
        var ids = new ulong[spans.Count];
        for (var i = 0; i < spans.Count; i++) ids[i] = BitConverter.ToUInt64(spans[i].SpanId.Span);
        Array.Sort(ids);
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(ids.AsSpan());
        return SHA256.HashData(bytes)[..16];
    }

    public static byte[] Payload(List<Span> spans)
    {
        var chunk = new ScopeSpans();
        chunk.Spans.AddRange(spans);
        return chunk.ToByteArray();
    }
}
