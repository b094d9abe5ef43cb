using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BetterHarness.Testing;
using Google.Protobuf;

namespace BetterHarness.Integration.Tests;

/// <summary>`bh up` as a real process, killed with SIGKILL after acknowledging spans.</summary>
public sealed class ProcessCrashTests
{
    private static BhProcess Start(string dataDir, int api, int grpc, int http, string quietWindow) =>
        BhProcess.Start("up", "--data-dir", dataDir, "--api", $"127.0.0.1:{api}", "--otlp-grpc", $"127.0.0.1:{grpc}",
            "--otlp-http", $"127.0.0.1:{http}", "--quiet-window", quietWindow);

    [Fact]
    public async Task Spans_acknowledged_before_sigkill_complete_after_restart()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "bh-crash-" + Guid.NewGuid().ToString("N"));
        int api = IngestHost.FreePort(), grpc = IngestHost.FreePort(), http = IngestHost.FreePort();
        using var apiClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{api}") };
        using var otlp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}") };
        var traces = Enumerable.Range(0, 20).Select(_ => TestRequests.SimpleTrace()).ToList();

        using (var first = Start(dataDir, api, grpc, http, "00:04:00"))
        {
            await first.WaitHealthyAsync(api);
            foreach (var (request, _) in traces)
            {
                var content = new ByteArrayContent(request.ToByteArray());
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
                Assert.Equal(HttpStatusCode.OK, (await otlp.PostAsync("/v1/traces", content)).StatusCode);
            }
            await first.KillAsync();
        }

        using var second = Start(dataDir, api, grpc, http, "00:00:00.300");
        try
        {
            await second.WaitHealthyAsync(api);
            foreach (var (_, traceId) in traces)
            {
                var deadline = DateTime.UtcNow.AddSeconds(20);
                JsonObject? trace = null;
                while (DateTime.UtcNow < deadline)
                {
                    trace = await apiClient.GetFromJsonAsync<JsonObject>($"/api/traces/{traceId}");
                    if ((string?)trace!["state"] == "completed") break;
                    await Task.Delay(100);
                }
                Assert.Equal("completed", (string?)trace!["state"]);
                Assert.Equal(2, (int)trace["spanCount"]!);
            }
        }
        finally
        {
            await second.KillAsync();
        }
    }
}
