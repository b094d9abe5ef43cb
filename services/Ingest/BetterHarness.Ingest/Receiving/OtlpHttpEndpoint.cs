using BetterHarness.Ingest.Otlp;
using BetterHarness.Ingest.Storage;
using BetterHarness.Ingest.Telemetry;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace BetterHarness.Ingest.Receiving;

/// <summary>
/// OTLP/HTTP <c>POST /v1/traces</c> and <c>POST /v1/logs</c>: protobuf or JSON, optionally gzip; the reply uses the request's
/// content type. Permanent errors (400, 413, 415) are never worth retrying; 429 and 503 carry Retry-After.
/// </summary>
public static class OtlpHttpEndpoint
{
    /// <summary><c>POST /v1/traces</c>.</summary>
    public static Task HandleAsync(HttpContext context, SpanIngestor ingestor, AdmissionControl admission,
        IOptions<IngestOptions> options, IngestMetrics metrics) =>
        ServeAsync(context, admission, options, metrics, OtlpBodyReader.ReadAsync, ingestor.IngestAsync,
            (response, json) => json ? OtlpJsonWriter.WriteResponse(response) : response.ToByteArray());

    /// <summary><c>POST /v1/logs</c>: the same checks, limits and replies; partial success counts log records.</summary>
    public static Task HandleLogsAsync(HttpContext context, LogIngestor ingestor, AdmissionControl admission,
        IOptions<IngestOptions> options, IngestMetrics metrics) =>
        ServeAsync(context, admission, options, metrics, OtlpBodyReader.ReadLogsAsync, ingestor.IngestAsync,
            (response, json) => json ? OtlpJsonWriter.WriteResponse(response) : response.ToByteArray());

    private delegate Task<T> BodyReader<T>(Stream body, string? contentType, string? contentEncoding, long maxBytes, CancellationToken cancellationToken);

    private static async Task ServeAsync<TRequest, TResponse>(HttpContext context, AdmissionControl admission,
        IOptions<IngestOptions> options, IngestMetrics metrics, BodyReader<TRequest> read, Func<TRequest, Task<TResponse>> ingest,
        Func<TResponse, bool, byte[]> write) where TRequest : class
    {
        var request = context.Request;
        var json = OtlpContentTypes.TryGetFormat(request.ContentType, out var format) && format == OtlpPayloadFormat.Json;
        var max = options.Value.MaxRequestBytes;
        if (request.ContentLength > max)
        {
            await FailAsync(context, json, 413, RpcStatus.ResourceExhausted,
                $"request body of {request.ContentLength} bytes exceeds the {max}-byte limit; send smaller batches", metrics);
            return;
        }
        if (!admission.TryAdmit(request.ContentLength ?? AdmissionControl.UnknownLengthCharge, out var admitted))
        {
            context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString();
            await FailAsync(context, json, 429, RpcStatus.Unavailable, "ingest is at capacity; retry after the indicated delay", metrics);
            return;
        }
        using (admitted)
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max;
            var (export, error) = await ReadAsync(request, max, read, context.RequestAborted);
            if (error is not null)
            {
                await FailAsync(context, json, error.Value.Status, error.Value.Code, error.Value.Message, metrics);
                return;
            }
            try
            {
                var response = await ingest(export!);
                context.Response.StatusCode = 200;
                context.Response.ContentType = json ? OtlpContentTypes.Json : OtlpContentTypes.Protobuf;
                await context.Response.Body.WriteAsync(write(response, json));
            }
            catch (StoreUnavailableException ex)
            {
                context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString();
                await FailAsync(context, json, 503, RpcStatus.Unavailable, ex.Message, metrics);
            }
        }
    }

    private static async Task<(T?, (int Status, int Code, string Message)?)> ReadAsync<T>(
        HttpRequest request, long max, BodyReader<T> read, CancellationToken cancellationToken) where T : class
    {
        try
        {
            var export = await read(request.Body, request.ContentType, request.Headers.ContentEncoding.ToString(), max, cancellationToken);
            return (export, null);
        }
        catch (OtlpUnsupportedContentTypeException ex) { return (null, (415, RpcStatus.InvalidArgument, ex.Message)); }
        catch (OtlpPayloadTooLargeException ex) { return (null, (413, RpcStatus.ResourceExhausted, ex.Message)); }
        catch (OtlpFormatException ex) { return (null, (400, RpcStatus.InvalidArgument, "malformed OTLP request: " + ex.Message)); }
        catch (BadHttpRequestException ex) when (ex.StatusCode == 413)
        {
            return (null, (413, RpcStatus.ResourceExhausted, $"request body exceeds the {max}-byte limit"));
        }
    }

    private static async Task FailAsync(HttpContext context, bool json, int status, int code, string message, IngestMetrics metrics)
    {
        metrics.SpansDropped.Add(1);
        context.Response.StatusCode = status;
        context.Response.ContentType = json ? OtlpContentTypes.Json : OtlpContentTypes.Protobuf;
        await context.Response.Body.WriteAsync(json ? RpcStatus.ToJson(code, message) : RpcStatus.ToProtobuf(code, message));
    }
}
