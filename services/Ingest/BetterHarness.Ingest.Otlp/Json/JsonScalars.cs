using System.Buffers.Text;
using System.Text.Json;
using Google.Protobuf;

namespace BetterHarness.Ingest.Otlp;

/// <summary>
/// Reads OTLP/JSON scalar values leniently where the specification allows variants: 64-bit integers
/// as strings or numbers, enums as integers or names, null as the field's default.
/// </summary>
internal static class JsonScalars
{
    public static string String(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Null => "",
        _ => throw Unexpected(ref reader, "a string"),
    };

    public static bool Bool(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False or JsonTokenType.Null => false,
        JsonTokenType.String when reader.ValueTextEquals("true"u8) => true,
        JsonTokenType.String when reader.ValueTextEquals("false"u8) => false,
        _ => throw Unexpected(ref reader, "true or false"),
    };

    public static ulong UInt64(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return 0;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out var number)) return number;
        if (reader.TokenType == JsonTokenType.String && Utf8Parser.TryParse(reader.ValueSpan, out ulong parsed, out var used)
            && used == reader.ValueSpan.Length && !reader.ValueIsEscaped)
        {
            return parsed;
        }
        // Some JavaScript exporters print large integers in exponent form (1.7e18).
        if (TryIntegralDouble(ref reader, out var d) && d >= 0 && d < 18446744073709551616.0) return (ulong)d;
        throw Unexpected(ref reader, "an unsigned 64-bit integer (number or string)");
    }

    public static long Int64(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return 0;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number)) return number;
        if (reader.TokenType == JsonTokenType.String && Utf8Parser.TryParse(reader.ValueSpan, out long parsed, out var used)
            && used == reader.ValueSpan.Length && !reader.ValueIsEscaped)
        {
            return parsed;
        }
        if (TryIntegralDouble(ref reader, out var d) && d >= long.MinValue && d < 9223372036854775808.0) return (long)d;
        throw Unexpected(ref reader, "a 64-bit integer (number or string)");
    }

    public static uint UInt32(ref Utf8JsonReader reader)
    {
        var value = UInt64(ref reader);
        return value <= uint.MaxValue ? (uint)value : throw Unexpected(ref reader, "an unsigned 32-bit integer");
    }

    public static double Double(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return 0;
        if (reader.TokenType == JsonTokenType.Number) return reader.GetDouble();
        if (reader.TokenType == JsonTokenType.String)
        {
            // Proto3 JSON writes non-finite doubles as these strings.
            if (reader.ValueTextEquals("NaN"u8)) return double.NaN;
            if (reader.ValueTextEquals("Infinity"u8)) return double.PositiveInfinity;
            if (reader.ValueTextEquals("-Infinity"u8)) return double.NegativeInfinity;
            if (Utf8Parser.TryParse(reader.ValueSpan, out double parsed, out var used) && used == reader.ValueSpan.Length) return parsed;
        }
        throw Unexpected(ref reader, "a number");
    }

    /// <summary>An enum as its integer or its proto name; unknown names read as 0 (unspecified).</summary>
    /// <remarks>Unknown names map to 0 rather than failing: a newer exporter's enum value must not
    /// cost the whole batch, and 0 means "unspecified" in every OTLP enum.</remarks>
    public static int Enum(ref Utf8JsonReader reader, ReadOnlySpan<string> names)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            for (var i = 0; i < names.Length; i++)
            {
                if (reader.ValueTextEquals(names[i])) return i;
            }
            if (Utf8Parser.TryParse(reader.ValueSpan, out int numeric, out var used) && used == reader.ValueSpan.Length) return numeric;
            return 0;
        }
        if (reader.TokenType == JsonTokenType.Null) return 0;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value)) return value;
        throw Unexpected(ref reader, "an enum (integer or name)");
    }

    /// <summary>A hex trace or span id; text that is not hex becomes <see cref="OtlpIds"/>' marker.</summary>
    public static ByteString Id(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return ByteString.Empty;
        if (reader.TokenType != JsonTokenType.String) throw Unexpected(ref reader, "a hex id string");
        if (!reader.ValueIsEscaped) return OtlpIds.FromHexUtf8(reader.ValueSpan);
        return OtlpIds.FromHexUtf8(System.Text.Encoding.UTF8.GetBytes(reader.GetString()!));
    }

    public static ByteString Base64(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return ByteString.Empty;
        if (reader.TokenType == JsonTokenType.String && reader.TryGetBytesFromBase64(out var bytes))
        {
            return UnsafeByteOperations.UnsafeWrap(bytes);
        }
        throw Unexpected(ref reader, "a base64 string");
    }

    private static bool TryIntegralDouble(ref Utf8JsonReader reader, out double value)
    {
        value = 0;
        var ok = reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetDouble(out value),
            JsonTokenType.String => Utf8Parser.TryParse(reader.ValueSpan, out value, out var used) && used == reader.ValueSpan.Length,
            _ => false,
        };
        return ok && double.IsFinite(value) && Math.Floor(value) == value;
    }

    public static OtlpFormatException Unexpected(ref Utf8JsonReader reader, string expected) =>
        OtlpJsonParser.Error(ref reader, $"expected {expected} but found {Describe(ref reader)}");

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String or JsonTokenType.Number =>
            $"{reader.TokenType.ToString().ToLowerInvariant()} '{Preview(reader.ValueSpan)}'",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static string Preview(ReadOnlySpan<byte> value) =>
        System.Text.Encoding.UTF8.GetString(value[..Math.Min(value.Length, 40)]) + (value.Length > 40 ? "…" : "");
}
