using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using OpenTelemetry.Proto.Collector.Trace.V1;

using BetterHarness.Testing;

namespace BetterHarness.Ingest.Tests.Host;

public sealed class ProtectedModeTests
{
    [Fact]
    public async Task Refuses_to_start_on_a_public_address_without_api_keys()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => IngestHost.StartAsync(settings: new()
        {
            ["BetterHarness:Ingest:OtlpHttpEndpoint"] = $"0.0.0.0:{IngestHost.FreePort()}",
        }));
        Assert.Contains("API keys", error.Message);
    }

    [Fact]
    public async Task With_api_keys_requests_without_a_valid_key_get_401_and_unauthenticated()
    {
        await using var host = await IngestHost.StartAsync(settings: new() { ["BetterHarness:ApiKeys:0"] = "s3cret" });
        var (request, traceId) = TestRequests.SimpleTrace();

        var anonymous = new ByteArrayContent(request.ToByteArray());
        anonymous.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Otlp.PostAsync("/v1/traces", anonymous)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Api.GetAsync($"/api/traces/{traceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Api.GetAsync("/health")).StatusCode);

        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{host.GrpcPort}");
        var client = new TraceService.TraceServiceClient(channel);
        var rpc = await Assert.ThrowsAsync<RpcException>(() => client.ExportAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, rpc.StatusCode);

        var withKey = new ByteArrayContent(request.ToByteArray());
        withKey.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        withKey.Headers.Add("X-Api-Key", "s3cret");
        Assert.Equal(HttpStatusCode.OK, (await host.Otlp.PostAsync("/v1/traces", withKey)).StatusCode);
        await client.ExportAsync(request, new Metadata { { "authorization", "Bearer s3cret" } });
    }
}
