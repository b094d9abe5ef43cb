using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Ingest.Otlp;
using BetterHarness.Testing;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Logs.V1;

namespace BetterHarness.Ingest.Tests.Host;

/// <summary>
/// OTLP logs over real sockets: GenAI events join their spans whatever the transport, encoding and arrival
/// order; other records are accepted and not stored; bad payloads get the same answers as traces.
/// </summary>
public sealed class OtlpLogsTests : IAsyncLifetime
{
    private IngestHost _host = null!;

    public async Task InitializeAsync() => _host = await IngestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A trace whose chat span carries no content (as the OTel GenAI instrumentation sends it).</summary>
    private static (OpenTelemetry.Proto.Collector.Trace.V1.ExportTraceServiceRequest Request, byte[] TraceId, byte[] ChatSpanId) ContentlessTrace()
    {
        var traceId = TestRequests.NewTraceId();
        var root = TestRequests.NewSpanId();
        var chat = TestRequests.NewSpanId();
        var request = TestRequests.Request(
            TestRequests.Span(traceId, root, null, "invoke_agent", ("gen_ai.operation.name", "invoke_agent")),
            TestRequests.Span(traceId, chat, root, "chat gpt-4o-mini", ("gen_ai.operation.name", "chat"), ("gen_ai.request.model", "gpt-4o-mini")));
        return (request, traceId, chat);
    }

    private static ByteArrayContent Body(byte[] bytes, string contentType, string? encoding = null)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (encoding is not null) content.Headers.ContentEncoding.Add(encoding);
        return content;
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(bytes);
        return output.ToArray();
    }

    private async Task SendTracesAsync(OpenTelemetry.Proto.Collector.Trace.V1.ExportTraceServiceRequest request) =>
        Assert.Equal(HttpStatusCode.OK, (await _host.Otlp.PostAsync("/v1/traces", Body(request.ToByteArray(), OtlpContentTypes.Protobuf))).StatusCode);

    private async Task<ExportLogsServiceResponse> SendLogsAsync(ExportLogsServiceRequest request, string transport)
    {
        if (transport == "grpc")
        {
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_host.GrpcPort}");
            return await new LogsService.LogsServiceClient(channel).ExportAsync(request, new Metadata { { "grpc-internal-encoding-request", "gzip" } });
        }
        var json = transport.StartsWith("http-json", StringComparison.Ordinal);
        var bytes = json ? OtlpJsonWriter.WriteLogsRequestUtf8(request) : request.ToByteArray();
        var gzip = transport.EndsWith("-gzip", StringComparison.Ordinal);
        var response = await _host.Otlp.PostAsync("/v1/logs", Body(gzip ? Gzip(bytes) : bytes, json ? OtlpContentTypes.Json : OtlpContentTypes.Protobuf, gzip ? "gzip" : null));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(json ? OtlpContentTypes.Json : OtlpContentTypes.Protobuf, response.Content.Headers.ContentType?.MediaType);
        if (!json) return ExportLogsServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var partial = body["partialSuccess"];
        return new ExportLogsServiceResponse
        {
            PartialSuccess = partial is null ? null : new ExportLogsPartialSuccess
            {
                RejectedLogRecords = long.Parse((string?)partial["rejectedLogRecords"] ?? "0"),
                ErrorMessage = (string?)partial["errorMessage"] ?? "",
            },
        };
    }

    [Theory]
    [InlineData("http-protobuf")]
    [InlineData("http-json")]
    [InlineData("http-json-gzip")]
    [InlineData("grpc")]
    public async Task Events_sent_before_their_spans_join_them_over_every_transport(string transport)
    {
        var (traces, traceId, chat) = ContentlessTrace();
        var plainLine = new LogRecord { TraceId = ByteString.CopyFrom(traceId), SpanId = ByteString.CopyFrom(chat), Body = TestLogs.Text("GET /v1/chat/completions 200") };
        var logs = TestLogs.Request([.. TestLogs.UserAndChoice(traceId, chat, "How many bags can I check on DY1102?", "One checked bag of up to 23 kg."), plainLine]);

        var response = await SendLogsAsync(logs, transport);
        await SendTracesAsync(traces);

        Assert.True(response.PartialSuccess is null || response.PartialSuccess.RejectedLogRecords == 0);
        var trace = await _host.WaitForTraceAsync(Convert.ToHexStringLower(traceId));
        var messages = trace["messages"]!.AsArray().Select(m => $"{m!["role"]}: {m["content"]}");
        Assert.Equal(["user: How many bags can I check on DY1102?", "assistant: One checked bag of up to 23 kg."], messages);
        var llm = Assert.Single(trace["llmCalls"]!.AsArray())!;
        Assert.Equal(2, llm["inputMessages"]!.AsArray().Count + llm["outputMessages"]!.AsArray().Count);
        Assert.Equal(2, (int)trace["spanCount"]!);
    }

    [Fact]
    public async Task Events_after_the_trace_completed_amend_it_with_the_next_revision()
    {
        var (traces, traceId, chat) = ContentlessTrace();
        await SendTracesAsync(traces);
        var first = await _host.WaitForTraceAsync(Convert.ToHexStringLower(traceId));
        Assert.Empty(first["messages"]?.AsArray() ?? []);

        await SendLogsAsync(TestLogs.Request(TestLogs.UserAndChoice(traceId, chat, "Is seat 3A free?", "Yes, 3A is free.")), "http-protobuf");

        var second = await _host.WaitForTraceAsync(Convert.ToHexStringLower(traceId), revision: 2);
        Assert.Equal(2, second["messages"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_retried_export_stores_its_events_once_and_does_not_amend_the_trace()
    {
        var (traces, traceId, chat) = ContentlessTrace();
        var logs = TestLogs.Request(TestLogs.UserAndChoice(traceId, chat, "Cancel booking QX12.", "Booking QX12 is cancelled."));
        await SendLogsAsync(logs, "http-protobuf");
        await SendTracesAsync(traces);
        await _host.WaitForTraceAsync(Convert.ToHexStringLower(traceId));

        await SendLogsAsync(logs, "grpc");
        await Task.Delay(TimeSpan.FromMilliseconds(700)); // two quiet windows: an amendment would have completed by now

        var trace = (await _host.Api.GetFromJsonAsync<JsonObject>($"/api/traces/{Convert.ToHexStringLower(traceId)}"))!;
        Assert.Equal(("completed", 1), ((string?)trace["state"], (int)trace["revision"]!));
        Assert.Equal(2, trace["messages"]!.AsArray().Count);
    }

    [Fact]
    public async Task Records_that_are_not_genai_events_are_accepted_and_not_stored()
    {
        var traceId = TestRequests.NewTraceId();
        var line = new LogRecord { TraceId = ByteString.CopyFrom(traceId), SpanId = ByteString.CopyFrom(TestRequests.NewSpanId()), Body = TestLogs.Text("connected") };
        var untraced = TestLogs.Event(traceId, TestRequests.NewSpanId(), "gen_ai.user.message", ("content", TestLogs.Text("hi")));
        untraced.TraceId = ByteString.Empty;
        untraced.SpanId = ByteString.Empty;

        var response = await SendLogsAsync(TestLogs.Request(line, untraced), "http-json");

        Assert.True(response.PartialSuccess is null || response.PartialSuccess.RejectedLogRecords == 0);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Api.GetAsync($"/api/traces/{Convert.ToHexStringLower(traceId)}")).StatusCode);
    }

    [Theory]
    [InlineData("http-protobuf")]
    [InlineData("http-json")]
    [InlineData("grpc")]
    public async Task Records_with_invalid_ids_are_rejected_alone_with_partial_success(string transport)
    {
        var (traces, traceId, chat) = ContentlessTrace();
        var events = TestLogs.UserAndChoice(traceId, chat, "Upgrade me to business.", "You are upgraded to business.");
        var shortTrace = TestLogs.Event(traceId, chat, "gen_ai.user.message", ("content", TestLogs.Text("lost")));
        shortTrace.TraceId = ByteString.CopyFrom(new byte[8]);
        var zeroSpan = TestLogs.Event(traceId, chat, "gen_ai.user.message", ("content", TestLogs.Text("lost too")));
        zeroSpan.SpanId = ByteString.CopyFrom(new byte[8]);

        var response = await SendLogsAsync(TestLogs.Request([.. events, shortTrace, zeroSpan]), transport);
        await SendTracesAsync(traces);

        Assert.Equal(2, response.PartialSuccess.RejectedLogRecords);
        Assert.Contains("invalid trace_id", response.PartialSuccess.ErrorMessage);
        var trace = await _host.WaitForTraceAsync(Convert.ToHexStringLower(traceId));
        Assert.Equal(2, trace["messages"]!.AsArray().Count);
    }

    [Fact]
    public async Task Malformed_bodies_are_rejected_with_400_and_invalid_argument()
    {
        var bytes = TestLogs.Request(TestLogs.UserAndChoice(TestRequests.NewTraceId(), TestRequests.NewSpanId(), "a", "b")).ToByteArray();

        var truncated = await _host.Otlp.PostAsync("/v1/logs", Body(bytes[..(bytes.Length / 2)], OtlpContentTypes.Protobuf));
        var badJson = await _host.Otlp.PostAsync("/v1/logs", Body("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"soon"}]}]}]}"""u8.ToArray(), OtlpContentTypes.Json));
        var wrongType = await _host.Otlp.PostAsync("/v1/logs", Body("hello"u8.ToArray(), "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Contains("'soon'", (string?)(await badJson.Content.ReadFromJsonAsync<JsonObject>())!["message"] ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);

        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_host.GrpcPort}");
        var method = new Method<byte[], byte[]>(MethodType.Unary, "opentelemetry.proto.collector.logs.v1.LogsService", "Export",
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));
        var rpc = await Assert.ThrowsAsync<RpcException>(() =>
            channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(), bytes[..(bytes.Length - 3)]).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, rpc.StatusCode);
    }
}
