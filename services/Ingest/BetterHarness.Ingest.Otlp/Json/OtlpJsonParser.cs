using System.Text.Json;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BetterHarness.Ingest.Otlp;

/// <summary>
/// Parses OTLP/JSON trace exports into the protobuf types. Google.Protobuf's JsonParser cannot be
/// used: OTLP/JSON carries trace and span ids as hex, not base64. This reader walks the bytes once
/// with <see cref="Utf8JsonReader"/>, allocating only the message objects and their strings.
/// </summary>
public static partial class OtlpJsonParser
{
    /// <summary>Parses a whole OTLP/JSON ExportTraceServiceRequest.</summary>
    /// <exception cref="OtlpFormatException">The body is not JSON, is nested deeper than
    /// <paramref name="maxDepth"/>, or holds a value of the wrong type. An id that is not hex does
    /// not throw: it is kept as a marker for <see cref="SpanValidator"/> to reject that span alone.</exception>
    public static ExportTraceServiceRequest Parse(ReadOnlySpan<byte> utf8Json, int maxDepth = OtlpLimits.DefaultMaxJsonDepth) =>
        ParseDocument(utf8Json, maxDepth, ReadRequest);

    private static T ParseDocument<T>(ReadOnlySpan<byte> utf8Json, int maxDepth, ElementReader<T> readRequest)
    {
        // Utf8JsonReader does not skip a byte order mark; some clients send one.
        if (utf8Json.StartsWith("\xEF\xBB\xBF"u8)) utf8Json = utf8Json[3..];
        if (utf8Json.IsEmpty) throw new OtlpFormatException("Malformed OTLP/JSON: the body is empty.");
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            reader.Read();
            var request = readRequest(ref reader);
            // The reader itself rejects anything but whitespace after the root value.
            if (reader.Read()) throw Error(ref reader, "unexpected content after the request object");
            return request;
        }
        catch (JsonException ex)
        {
            // Depth overruns land here too: our recursion follows the reader's depth, which it caps.
            throw new OtlpFormatException(
                $"Malformed OTLP/JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {FirstSentence(ex.Message)}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader reports invalid UTF-8 inside a string this way.
            throw new OtlpFormatException($"Malformed OTLP/JSON near byte {reader.TokenStartIndex}: {ex.Message}", ex);
        }
    }

    internal static OtlpFormatException Error(ref Utf8JsonReader reader, string reason) =>
        new($"Malformed OTLP/JSON at byte {reader.TokenStartIndex}: {reason}.");

    private static string FirstSentence(string message)
    {
        // JsonException appends "LineNumber: … | BytePositionInLine: …", which we already state.
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private delegate T ElementReader<out T>(ref Utf8JsonReader reader);

    private static bool BeginObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartObject) return true;
        if (reader.TokenType == JsonTokenType.Null) return false;
        throw JsonScalars.Unexpected(ref reader, "an object");
    }

    private static void ReadArray<T>(ref Utf8JsonReader reader, RepeatedField<T> target, ElementReader<T> read)
    {
        if (reader.TokenType == JsonTokenType.Null) return;
        if (reader.TokenType != JsonTokenType.StartArray) throw JsonScalars.Unexpected(ref reader, "an array");
        while (true)
        {
            if (!reader.Read()) throw Error(ref reader, "unexpected end of input");
            if (reader.TokenType == JsonTokenType.EndArray) return;
            target.Add(read(ref reader));
        }
    }

    private static ExportTraceServiceRequest ReadRequest(ref Utf8JsonReader reader)
    {
        var request = new ExportTraceServiceRequest();
        if (!BeginObject(ref reader)) return request;
        JsonField field;
        while ((field = JsonFields.Next(ref reader)) != JsonField.EndOfObject)
        {
            if (field == JsonField.ResourceSpans) ReadArray(ref reader, request.ResourceSpans, ReadResourceSpans);
            else reader.Skip();
        }
        return request;
    }
}
