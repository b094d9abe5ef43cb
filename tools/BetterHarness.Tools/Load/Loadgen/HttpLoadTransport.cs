using System.Net;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BetterHarness.Tools.Load.Loadgen;

/// <summary>OTLP/HTTP with <c>application/x-protobuf</c>, one pooled connection per concurrent sender.</summary>
public sealed class HttpLoadTransport(Uri baseAddress, string? apiKey, int concurrency) : ILoadTransport
{
    private readonly HttpClient _client = HttpClients.Create(baseAddress, apiKey, concurrency, TimeSpan.FromSeconds(60));
    private readonly Uri _traces = new(baseAddress, "v1/traces");

    public string Target => _traces.ToString();

    public async Task<SendResult> SendAsync(byte[] payload, CancellationToken ct)
    {
        var content = new ByteArrayContent(payload);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-protobuf");
        using var request = new HttpRequestMessage(HttpMethod.Post, _traces) { Content = content };
        try
        {
            using var response = await _client.SendAsync(request, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (response.IsSuccessStatusCode)
                return new SendResult(SendStatus.Ok, ExportTraceServiceResponse.Parser.ParseFrom(body).PartialSuccess?.RejectedSpans ?? 0);
            var reason = response.Content.Headers.ContentType?.MediaType == "application/json"
                ? ServerMessage.FromJson(System.Text.Encoding.UTF8.GetString(body))
                : ServerMessage.FromProtobufStatus(body);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                throw new CommandFailedException($"{Target} refused the request ({(int)response.StatusCode}): {reason}. " +
                                                 "Pass --api-key with one of the keys `bh up` was started with.");
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
                throw new CommandFailedException($"{Target} is not an OTLP/HTTP traces endpoint (HTTP {(int)response.StatusCode}). " +
                                                 "Pass --endpoint with the OTLP/HTTP base address, e.g. http://127.0.0.1:4318.");
            if (RetryPolicy.IsThrottle(response.StatusCode))
                return new SendResult(SendStatus.Throttled, RetryAfter: RetryPolicy.RetryAfter(response.Headers.RetryAfter));
            return new SendResult(SendStatus.Failed, Error: $"HTTP {(int)response.StatusCode}: {reason}");
        }
        catch (HttpRequestException ex) when (ConnectionFailure.IsUnreachable(ex))
        {
            throw ConnectionFailure.Unreachable("OTLP/HTTP endpoint", Target, "--endpoint");
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return new SendResult(SendStatus.Failed, Error: $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    public void Dispose() => _client.Dispose();
}
