using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

using BetterHarness.Testing;

namespace BetterHarness.Ingest.Tests.Host;

public sealed class RestartTests
{
    [Fact]
    public async Task Acknowledged_spans_survive_a_restart_and_their_trace_completes()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "bh-restart-" + Guid.NewGuid().ToString("N"));
        var (request, traceId) = TestRequests.SimpleTrace();
        // A long quiet window: the first host stops before the trace can complete.
        await using (var first = await IngestHost.StartAsync(dataDir, new() { ["BetterHarness:Ingest:QuietWindow"] = "00:01:00" }))
        {
            var content = new ByteArrayContent(request.ToByteArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            Assert.Equal(HttpStatusCode.OK, (await first.Otlp.PostAsync("/v1/traces", content)).StatusCode);
        }

        await using var second = await IngestHost.StartAsync(dataDir);
        var trace = await second.WaitForTraceAsync(traceId);
        Assert.Equal(2, (int)trace["spanCount"]!);
    }
}
