using System.Buffers.Binary;

namespace BetterHarness.Tools.Load.Loadgen;

/// <summary>
/// A serialized ExportTraceServiceRequest that is re-sent many times. To keep the client cheap (it shares
/// the 2 cores with the server) it is never re-serialized: each send copies nothing and only overwrites the
/// low 8 bytes of every trace_id in place with a per-send sequence number, so every send carries new traces.
/// Span ids repeat across sends, which is fine because spans are keyed on (trace_id, span_id).
/// </summary>
public sealed class RequestTemplate
{
    private readonly int[] _sequenceOffsets;

    private RequestTemplate(byte[] bytes, int spanCount, int traceCount, int[] sequenceOffsets)
    {
        Bytes = bytes;
        SpanCount = spanCount;
        TraceCount = traceCount;
        _sequenceOffsets = sequenceOffsets;
    }

    public byte[] Bytes { get; }
    public int SpanCount { get; }
    public int TraceCount { get; }

    /// <summary>
    /// Finds every occurrence of each trace id in the serialized bytes. The ids are random 16-byte values,
    /// so an accidental match elsewhere is practically impossible; the count check proves it.
    /// </summary>
    public static RequestTemplate Create(byte[] bytes, IReadOnlyList<byte[]> traceIds, int spanCount)
    {
        var offsets = new List<int>(spanCount);
        foreach (var id in traceIds)
        {
            for (var at = 0; ;)
            {
                var found = bytes.AsSpan(at).IndexOf(id);
                if (found < 0) break;
                offsets.Add(at + found + 8);
                at += found + id.Length;
            }
        }
        if (offsets.Count != spanCount)
            throw new InvalidOperationException($"found {offsets.Count} trace ids in a template of {spanCount} spans");
        return new RequestTemplate(bytes, spanCount, traceIds.Count, [.. offsets]);
    }

    /// <summary>A private copy for one sender to stamp and send; senders never share a buffer.</summary>
    public byte[] NewBuffer() => (byte[])Bytes.Clone();

    public void Stamp(byte[] buffer, ulong sequence)
    {
        foreach (var offset in _sequenceOffsets)
            BinaryPrimitives.WriteUInt64BigEndian(buffer.AsSpan(offset, 8), sequence);
    }
}
