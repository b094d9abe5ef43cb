using Google.Protobuf;

namespace BetterHarness.Ingest.Otlp;

/// <summary>
/// Hex form of trace and span ids (OTLP/JSON carries them as hex, protobuf as raw bytes), and the
/// marker the JSON parser leaves where an id was not valid hex.
/// </summary>
/// <remarks>
/// A bad id must reject only its own span, not the whole request, so the parser cannot throw.
/// Instead it stores <c>"!hex:" + the original text</c>, padded so its length is never 0, 8 or 16:
/// every length check in <see cref="SpanValidator"/> then fails for it, and the prefix lets the
/// validator say "not hex" instead of "wrong length".
/// </remarks>
public static class OtlpIds
{
    private static ReadOnlySpan<byte> InvalidHexPrefix => "!hex:"u8;
    private const int MaxKeptText = 64;

    /// <summary>True when <paramref name="id"/> is the parser's marker for text that was not hex.</summary>
    public static bool IsInvalidHexMarker(ByteString id) => id.Length > 0 && id.Span.StartsWith(InvalidHexPrefix);

    /// <summary>Lowercase hex of an id (empty for an empty id).</summary>
    public static string ToHex(ByteString id) => id.IsEmpty ? "" : Convert.ToHexStringLower(id.Span);

    /// <summary>Decodes hex text (either case) as UTF-8 bytes; the marker when it is not hex.</summary>
    internal static ByteString FromHexUtf8(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty) return ByteString.Empty;
        if ((text.Length & 1) != 0) return InvalidHexMarker(text);
        var bytes = new byte[text.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            var high = Nibble(text[2 * i]);
            var low = Nibble(text[2 * i + 1]);
            if ((high | low) < 0) return InvalidHexMarker(text);
            bytes[i] = (byte)((high << 4) | low);
        }
        return UnsafeByteOperations.UnsafeWrap(bytes);
    }

    private static int Nibble(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    private static ByteString InvalidHexMarker(ReadOnlySpan<byte> text)
    {
        var kept = text[..Math.Min(text.Length, MaxKeptText)];
        var length = InvalidHexPrefix.Length + kept.Length;
        // Pad by one byte when the length happens to be a valid id length.
        var padded = length is 8 or 16 ? length + 1 : length;
        var bytes = new byte[padded];
        InvalidHexPrefix.CopyTo(bytes);
        kept.CopyTo(bytes.AsSpan(InvalidHexPrefix.Length));
        if (padded != length) bytes[^1] = (byte)'!';
        return UnsafeByteOperations.UnsafeWrap(bytes);
    }
}
