using System.Buffers;

namespace BetterHarness.Ingest.Otlp;

/// <summary>
/// A request body read into one rented array. Parsers need the whole message contiguous; renting
/// avoids a fresh multi-megabyte array (and the large-object heap) on every request.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    private const int InitialSize = 64 * 1024;
    private byte[]? _array;
    private readonly int _length;

    private PooledBody(byte[] array, int length)
    {
        _array = array;
        _length = length;
    }

    public ReadOnlySpan<byte> Span => _array.AsSpan(0, _length);

    public static async Task<PooledBody> ReadAsync(Stream source, long maxBytes, long sizeHint, CancellationToken cancellationToken)
    {
        // Arrays cannot exceed int.MaxValue; one extra byte lets us see that the limit was crossed.
        var limit = (int)Math.Min(maxBytes, Array.MaxLength - 1);
        var initial = sizeHint > 0 ? (int)Math.Min(sizeHint + 1, limit + 1L) : Math.Min(InitialSize, limit + 1);
        var array = ArrayPool<byte>.Shared.Rent(initial);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == array.Length) array = Grow(array, length, limit);
                // The pool may hand out more than asked; never read past limit + 1 into the spare room.
                var room = Math.Min(array.Length, limit + 1) - length;
                var read = await source.ReadAsync(array.AsMemory(length, room), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                length += read;
                if (length > limit) throw new OtlpPayloadTooLargeException(maxBytes);
            }
            return new PooledBody(array, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(array);
            throw;
        }
    }

    private static byte[] Grow(byte[] array, int length, int limit)
    {
        var size = (int)Math.Min((long)array.Length * 2, limit + 1L);
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        array.AsSpan(0, length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(array);
        return bigger;
    }

    public void Dispose()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
