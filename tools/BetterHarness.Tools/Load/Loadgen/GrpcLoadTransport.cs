using Grpc.Core;
using Grpc.Net.Client;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BetterHarness.Tools.Load.Loadgen;

/// <summary>
/// OTLP/gRPC TraceService/Export with a pass-through byte[] marshaller: the template bytes go on the wire
/// untouched, so the client spends no CPU re-serialising. http:// addresses use HTTP/2 without TLS (h2c).
/// </summary>
public sealed class GrpcLoadTransport : ILoadTransport
{
    private static readonly Marshaller<byte[]> PassThrough = Marshallers.Create(static b => b, static b => b);
    private static readonly Method<byte[], byte[]> Export = new(MethodType.Unary,
        "opentelemetry.proto.collector.trace.v1.TraceService", "Export", PassThrough, PassThrough);

    private readonly GrpcChannel _channel;
    private readonly CallInvoker _invoker;
    private readonly Metadata? _headers;

    public GrpcLoadTransport(Uri address, string? apiKey)
    {
        Target = address.ToString();
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxSendMessageSize = 256 * 1024 * 1024, // the server's own limit should be what rejects, not ours
            MaxReceiveMessageSize = 16 * 1024 * 1024,
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            },
        });
        _invoker = _channel.CreateCallInvoker();
        _headers = string.IsNullOrEmpty(apiKey) ? null : new Metadata { { "x-api-key", apiKey } };
    }

    public string Target { get; }

    public async Task<SendResult> SendAsync(byte[] payload, CancellationToken ct)
    {
        try
        {
            using var call = _invoker.AsyncUnaryCall(Export, null, new CallOptions(_headers, cancellationToken: ct), payload);
            var response = ExportTraceServiceResponse.Parser.ParseFrom(await call.ResponseAsync);
            return new SendResult(SendStatus.Ok, response.PartialSuccess?.RejectedSpans ?? 0);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && ex.Status.DebugException is { } inner
                                      && ConnectionFailure.IsUnreachable(inner))
        {
            throw ConnectionFailure.Unreachable("OTLP/gRPC endpoint", Target, "--endpoint");
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
        {
            throw new CommandFailedException($"{Target} refused the call ({ex.StatusCode}): {ex.Status.Detail}. " +
                                             "Pass --api-key with one of the keys `bh up` was started with.");
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unimplemented)
        {
            throw new CommandFailedException($"{Target} does not serve OTLP/gRPC TraceService ({ex.Status.Detail}). " +
                                             "Pass --endpoint with the OTLP/gRPC address, e.g. http://127.0.0.1:4317.");
        }
        catch (RpcException ex)
        {
            // UNAVAILABLE is OTLP's throttle signal over gRPC; everything else is a failed request.
            return ex.StatusCode == StatusCode.Unavailable
                ? new SendResult(SendStatus.Throttled)
                : new SendResult(SendStatus.Failed, Error: $"gRPC {ex.StatusCode}: {ex.Status.Detail}");
        }
    }

    public void Dispose() => _channel.Dispose();
}
