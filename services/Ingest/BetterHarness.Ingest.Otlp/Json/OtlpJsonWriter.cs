using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BetterHarness.Ingest.Otlp;

/// <summary>
/// Writes OTLP/JSON: the export response a receiver returns, and whole requests (hex ids, int64 as
/// strings, enums as integers, defaults omitted) for replay and load tools and tests.
/// </summary>
public static partial class OtlpJsonWriter
{
    // Bodies go to OTLP clients, never into HTML, so non-ASCII text need not be \u-escaped.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// <c>{"partialSuccess":{"rejectedSpans":"N","errorMessage":"…"}}</c>, or <c>{}</c> when nothing was
    /// rejected and there is no message: the specification treats an empty partial success as absent.
    /// </summary>
    public static byte[] WriteResponse(ExportTraceServiceResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            var partial = response.PartialSuccess;
            if (partial is not null && (partial.RejectedSpans != 0 || partial.ErrorMessage.Length > 0))
            {
                writer.WriteStartObject("partialSuccess");
                if (partial.RejectedSpans != 0) writer.WriteString("rejectedSpans", partial.RejectedSpans.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (partial.ErrorMessage.Length > 0) writer.WriteString("errorMessage", partial.ErrorMessage);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The request as OTLP/JSON text.</summary>
    public static string WriteRequest(ExportTraceServiceRequest request) =>
        System.Text.Encoding.UTF8.GetString(WriteRequestUtf8(request));

    /// <summary>The request as OTLP/JSON UTF-8 bytes, ready to send as a body.</summary>
    public static byte[] WriteRequestUtf8(ExportTraceServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, request.CalculateSize() * 2));
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            WriteRequest(writer, request);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the request to a caller's writer (for streaming large batches).</summary>
    public static void WriteRequest(Utf8JsonWriter writer, ExportTraceServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(request);
        writer.WriteStartObject();
        writer.WriteStartArray("resourceSpans");
        foreach (var resourceSpans in request.ResourceSpans) WriteResourceSpans(writer, resourceSpans);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
