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

    [Fact]
    public async Task Recent_digests_are_published_again_after_a_restart_on_the_in_memory_transport()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "bh-redrive-" + Guid.NewGuid().ToString("N"));
        var (request, traceId) = TestRequests.SimpleTrace();
        request.ResourceSpans[0].ScopeSpans[0].Spans[0].Status = new OpenTelemetry.Proto.Trace.V1.Status
        {
            Code = OpenTelemetry.Proto.Trace.V1.Status.Types.StatusCode.Error,
        };
        long firstSent;
        await using (var first = await IngestHost.StartAsync(dataDir))
        {
            var content = new ByteArrayContent(request.ToByteArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            Assert.Equal(HttpStatusCode.OK, (await first.Otlp.PostAsync("/v1/traces", content)).StatusCode);
            await first.WaitForTraceAsync(traceId);
            firstSent = await WaitSentAfterAsync(dataDir, traceId, 0);
        }
        await Task.Delay(20);

        await using var second = await IngestHost.StartAsync(dataDir);
        var secondSent = await WaitSentAfterAsync(dataDir, traceId, firstSent);
        Assert.True(secondSent > firstSent);
    }

    private static async Task<long> WaitSentAfterAsync(string dataDir, string traceId, long after)
    {
        var database = new BetterHarness.ServiceDefaults.Storage.SqliteDatabase(Path.Combine(dataDir, "ingest.db"));
        for (var i = 0; i < 200; i++)
        {
            using (var c = database.Open())
            {
                var sent = Dapper.SqlMapper.ExecuteScalar<long?>(c,
                    "SELECT max(sent_ms) FROM outbox WHERE trace_id = @traceId", new { traceId });
                if (sent > after) return sent.Value;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"digest of {traceId} was not published after {after}");
    }
}
