using ZstdSharp;

namespace BetterHarness.Ingest.Storage.Compression;

/// <summary>
/// Compresses span and event payloads before they reach the store and expands them on read, so every storage engine
/// keeps the same bytes. zstd level 3 (zstd's own default): on the tau-bench airline traces it stores 0.21× the
/// OTLP/protobuf size, compresses at ~110 MB/s a core and expands faster than protobuf parses (docs/storage.md has
/// the table and why not Brotli). Compression runs on the request's thread, not the single writer's, so it scales
/// with cores instead of lengthening the commit. A payload that does not shrink is stored as it came.
/// </summary>
public static class PayloadCodec
{
    public const int Level = 3;

    // Payloads this small are mostly ids and numbers; a frame header would eat what compression saves.
    private const int MinCompressedBytes = 128;

    // A thread's scratch buffer is kept up to this size; a larger payload gets a buffer of its own.
    private const int MaxKeptBuffer = 1 << 20;

    // zstd contexts are not thread-safe and cost a few hundred KB: one of each per thread that uses them. Compressing
    // into a kept buffer matters: ZstdSharp's allocating Wrap costs ~70 µs on a 1.5 KB span chunk, Wrap into a buffer ~7.
    [ThreadStatic] private static Compressor? _compressor;
    [ThreadStatic] private static Decompressor? _decompressor;
    [ThreadStatic] private static byte[]? _buffer;

    /// <summary>The bytes to store for <paramref name="payload"/> and how they are encoded.</summary>
    public static (PayloadEncoding Encoding, byte[] Bytes) Encode(byte[] payload)
    {
        if (payload.Length < MinCompressedBytes) return (PayloadEncoding.Protobuf, payload);
        var bound = Compressor.GetCompressBound(payload.Length);
        var buffer = _buffer is { } kept && kept.Length >= bound ? kept : new byte[bound];
        if (bound <= MaxKeptBuffer) _buffer = buffer;
        var written = (_compressor ??= new Compressor(Level)).Wrap(payload, buffer);
        return written < payload.Length ? (PayloadEncoding.Zstd, buffer.AsSpan(0, written).ToArray()) : (PayloadEncoding.Protobuf, payload);
    }

    /// <summary>The protobuf bytes of a stored payload, whichever encoding it was stored with.</summary>
    public static ReadOnlySpan<byte> Decode(PayloadEncoding encoding, byte[] stored) => encoding switch
    {
        PayloadEncoding.Protobuf => stored,
        PayloadEncoding.Zstd => Expand(stored),
        _ => throw new InvalidDataException($"stored payload has unknown encoding {(int)encoding}"),
    };

    // The frame header holds the content size (Wrap writes it), so the output is allocated once at its exact size.
    private static byte[] Expand(byte[] stored)
    {
        var size = Decompressor.GetDecompressedSize(stored);
        if (size > int.MaxValue) throw new InvalidDataException($"stored zstd frame claims {size} bytes");
        var output = new byte[size];
        var written = (_decompressor ??= new Decompressor()).Unwrap(stored, output);
        return written == output.Length ? output : throw new InvalidDataException($"stored zstd frame expanded to {written} of {size} bytes");
    }
}
