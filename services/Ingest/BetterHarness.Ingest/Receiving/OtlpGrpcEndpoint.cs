using System.Buffers;
using System.Buffers.Binary;
using BetterHarness.Ingest.Otlp;
using BetterHarness.Ingest.Storage;
using BetterHarness.Ingest.Telemetry;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace BetterHarness.Ingest.Receiving;

/// <summary>
/// OTLP/gRPC <c>TraceService/Export</c> and <c>LogsService/Export</c>, unary calls served directly on Kestrel's HTTP/2 listener.
/// Framing by hand (5-byte prefix, trailers) rather than through Grpc.AspNetCore, because the receiver must
/// choose the status for bad input itself: INVALID_ARGUMENT for a malformed message, RESOURCE_EXHAUSTED past
/// the size limit (checked while inflating), UNAVAILABLE when throttled — before anything is buffered.
/// </summary>
public static class OtlpGrpcEndpoint
{
    public const string Path = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
    public const string LogsPath = "/opentelemetry.proto.collector.logs.v1.LogsService/Export";

    /// <summary><c>TraceService/Export</c>.</summary>
    public static Task HandleAsync(HttpContext context, SpanIngestor ingestor, AdmissionControl admission,
        IOptions<IngestOptions> options, IngestMetrics metrics) =>
        ServeAsync(context, admission, options, metrics, OtlpBodyReader.ReadAsync, ingestor.IngestAsync);

    /// <summary><c>LogsService/Export</c>: the same framing, limits and statuses as traces.</summary>
    public static Task HandleLogsAsync(HttpContext context, LogIngestor ingestor, AdmissionControl admission,
        IOptions<IngestOptions> options, IngestMetrics metrics) =>
        ServeAsync(context, admission, options, metrics, OtlpBodyReader.ReadLogsAsync, ingestor.IngestAsync);

    private delegate Task<T> BodyReader<T>(Stream body, string? contentType, string? contentEncoding, long maxBytes, CancellationToken cancellationToken);

    private static async Task ServeAsync<TRequest, TResponse>(HttpContext context, AdmissionControl admission,
        IOptions<IngestOptions> options, IngestMetrics metrics, BodyReader<TRequest> read, Func<TRequest, Task<TResponse>> ingest)
        where TRequest : class where TResponse : IMessage
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        context.Response.ContentType = "application/grpc";
        if (!admission.TryAdmit(context.Request.ContentLength ?? AdmissionControl.UnknownLengthCharge, out var admitted))
        {
            Fail(context, RpcStatus.Unavailable, "ingest is at capacity; retry with backoff", metrics);
            return;
        }
        using (admitted)
        {
            // Kestrel's default body limit (30 MB) also applies to HTTP/2 streams; the OTLP limit governs here.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = options.Value.MaxRequestBytes + 5;
            var (export, code, message) = await ReadMessageAsync(context, admission, options.Value.MaxRequestBytes, read);
            if (export is null)
            {
                Fail(context, code, message!, metrics);
                return;
            }
            TResponse response;
            try
            {
                response = await ingest(export);
            }
            catch (StoreUnavailableException ex)
            {
                Fail(context, RpcStatus.Unavailable, ex.Message, metrics);
                return;
            }
            await WriteMessageAsync(context, response);
        }
    }

    private static async Task<(T?, int, string?)> ReadMessageAsync<T>(
        HttpContext context, AdmissionControl admission, long max, BodyReader<T> read) where T : class
    {
        var body = context.Request.Body;
        var prefix = new byte[5];
        try
        {
            await body.ReadExactlyAsync(prefix, context.RequestAborted);
        }
        catch (EndOfStreamException)
        {
            return (null, RpcStatus.InvalidArgument, "request has no complete gRPC message frame");
        }
        var compressed = prefix[0] == 1;
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix.AsSpan(1));
        if (length > max) return (null, RpcStatus.ResourceExhausted, $"message of {length} bytes exceeds the {max}-byte limit");
        // HTTP/2 requests rarely carry Content-Length, so admission charged a guess; the frame says the truth.
        if (length > AdmissionControl.UnknownLengthCharge && context.Request.ContentLength is null)
        {
            if (!admission.TryAdmit(length - AdmissionControl.UnknownLengthCharge, out var extra))
                return (null, RpcStatus.Unavailable, "ingest is at capacity; retry with backoff");
            context.Response.RegisterForDispose(extra);
        }
        var encoding = context.Request.Headers["grpc-encoding"].ToString();
        if (compressed && encoding is not ("gzip" or "")) return (null, RpcStatus.Unimplemented, $"grpc-encoding '{encoding}' is not supported; use gzip or identity");
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, 1));
        try
        {
            try
            {
                await body.ReadExactlyAsync(buffer.AsMemory(0, (int)length), context.RequestAborted);
            }
            catch (EndOfStreamException)
            {
                return (null, RpcStatus.InvalidArgument, "gRPC message is shorter than its length prefix");
            }
            using var message = new MemoryStream(buffer, 0, (int)length, writable: false);
            var export = await read(message, OtlpContentTypes.Protobuf, compressed ? "gzip" : null, max, context.RequestAborted);
            return (export, 0, null);
        }
        catch (OtlpPayloadTooLargeException ex) { return (null, RpcStatus.ResourceExhausted, ex.Message); }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, RpcStatus.ResourceExhausted, $"message exceeds the {max}-byte limit");
        }
        catch (BadHttpRequestException ex) { return (null, RpcStatus.InvalidArgument, ex.Message); }
        catch (OtlpFormatException ex) { return (null, RpcStatus.InvalidArgument, "malformed OTLP request: " + ex.Message); }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task WriteMessageAsync(HttpContext context, IMessage response)
    {
        var size = response.CalculateSize();
        var frame = new byte[5 + size];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)size);
        response.WriteTo(frame.AsSpan(5));
        context.Response.StatusCode = 200;
        await context.Response.Body.WriteAsync(frame, context.RequestAborted);
        context.Response.AppendTrailer("grpc-status", "0");
    }

    /// <summary>Trailers-only response: the status travels in the headers.</summary>
    private static void Fail(HttpContext context, int code, string message, IngestMetrics metrics)
    {
        metrics.SpansDropped.Add(1);
        context.Response.StatusCode = 200;
        context.Response.Headers["grpc-status"] = code.ToString();
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
    }
}
