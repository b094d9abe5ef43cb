using Grpc.Core;
using Grpc.Net.Client;
using OpenTelemetry.Proto.Collector.Trace.V1;
using Google.Protobuf;

using BetterHarness.Testing;

namespace BetterHarness.Ingest.Tests.Host;

public sealed class OtlpGrpcTests : IAsyncLifetime
{
    private IngestHost _host = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _host = await IngestHost.StartAsync();
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_host.GrpcPort}");
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Export_with_gzip_stores_the_trace()
    {
        var (request, traceId) = TestRequests.SimpleTrace();
        var client = new TraceService.TraceServiceClient(_channel);
        var response = await client.ExportAsync(request, new Metadata { { "grpc-internal-encoding-request", "gzip" } });
        Assert.Null(response.PartialSuccess);
        await _host.WaitForTraceAsync(traceId);
    }

    [Fact]
    public async Task Invalid_span_gets_partial_success_over_grpc()
    {
        var (request, traceId) = TestRequests.SimpleTrace();
        var bad = request.ResourceSpans[0].ScopeSpans[0].Spans[1].Clone();
        bad.EndTimeUnixNano = bad.StartTimeUnixNano - 1;
        bad.SpanId = ByteString.CopyFrom(TestRequests.NewSpanId());
        request.ResourceSpans[0].ScopeSpans[0].Spans.Add(bad);
        var response = await new TraceService.TraceServiceClient(_channel).ExportAsync(request);
        Assert.Equal(1, response.PartialSuccess.RejectedSpans);
        await _host.WaitForTraceAsync(traceId);
    }

    [Fact]
    public async Task Truncated_message_is_invalid_argument()
    {
        var bytes = TestRequests.SimpleTrace().Request.ToByteArray();
        var invoker = _channel.CreateCallInvoker();
        var method = new Method<byte[], byte[]>(MethodType.Unary, "opentelemetry.proto.collector.trace.v1.TraceService", "Export",
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));
        var rpc = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(method, null, new CallOptions(), bytes[..(bytes.Length - 7)]).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, rpc.StatusCode);
    }

    [Fact]
    public async Task Export_above_kestrels_default_body_limit_is_accepted_up_to_the_otlp_limit()
    {
        var (request, traceId) = TestRequests.SimpleTrace();
        // 32 MB: over Kestrel's 30 MB default, under the 64 MiB OTLP limit; the value is truncated on the way in.
        request.ResourceSpans[0].ScopeSpans[0].Spans[1].Attributes.Add(new OpenTelemetry.Proto.Common.V1.KeyValue
        {
            Key = "big",
            Value = new OpenTelemetry.Proto.Common.V1.AnyValue { StringValue = new string('x', 32_000_000) },
        });
        var client = new TraceService.TraceServiceClient(_channel);

        var response = await client.ExportAsync(request);

        Assert.Null(response.PartialSuccess);
        await _host.WaitForTraceAsync(traceId);
    }
}
