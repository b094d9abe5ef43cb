using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Logs.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace BetterHarness.Ingest.Otlp;

/// <summary>
/// Cuts string attribute values (also inside arrays and kvlists) to a UTF-8 byte limit. The cut
/// falls on a character boundary and a "…[truncated N bytes]" marker follows, so downstream
/// stages and people can see that text is missing rather than trusting a silently short value.
/// </summary>
internal sealed class AttributeTruncator(int maxBytes)
{
    public int Truncated { get; private set; }

    public void Truncate(Span span)
    {
        Truncate(span.Attributes);
        foreach (var e in span.Events) Truncate(e.Attributes);
        foreach (var link in span.Links) Truncate(link.Attributes);
    }

    public void Truncate(LogRecord record)
    {
        Truncate(record.Attributes);
        if (record.Body is { } body) Truncate(body);
    }

    public void Truncate(RepeatedField<KeyValue> attributes)
    {
        foreach (var kv in attributes)
        {
            if (kv.Value is { } value) Truncate(value);
        }
    }

    // Recursion depth is bounded by the parsers (protobuf's recursion limit, the JSON depth limit).
    private void Truncate(AnyValue value)
    {
        switch (value.ValueCase)
        {
            case AnyValue.ValueOneofCase.StringValue:
                if (TryShorten(value.StringValue, out var shorter))
                {
                    value.StringValue = shorter;
                    Truncated++;
                }
                break;
            case AnyValue.ValueOneofCase.ArrayValue:
                foreach (var item in value.ArrayValue.Values) Truncate(item);
                break;
            case AnyValue.ValueOneofCase.KvlistValue:
                Truncate(value.KvlistValue.Values);
                break;
        }
    }

    private bool TryShorten(string text, out string shorter)
    {
        shorter = text;
        // Every UTF-16 unit encodes to 1–3 UTF-8 bytes: most values are decided without counting.
        if ((long)text.Length * 3 <= maxBytes) return false;
        var total = Encoding.UTF8.GetByteCount(text);
        if (total <= maxBytes) return false;

        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            // Stops before a character that does not fit whole, never splitting a sequence or a surrogate pair.
            Utf8.FromUtf16(text, buffer.AsSpan(0, maxBytes), out var charsKept, out var bytesKept);
            shorter = string.Concat(text.AsSpan(0, charsKept),
                "…[truncated ", (total - bytesKept).ToString(CultureInfo.InvariantCulture), " bytes]");
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
