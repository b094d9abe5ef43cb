using System.Diagnostics;
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
    private static Process Start(string dataDir, int api, int grpc, int http, string quietWindow)
    {
        var bh = Path.Combine(AppContext.BaseDirectory, "bh.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { bh, "up", "--data-dir", dataDir, "--api", $"127.0.0.1:{api}", "--otlp-grpc", $"127.0.0.1:{grpc}",
                     "--otlp-http", $"127.0.0.1:{http}", "--quiet-window", quietWindow })
            info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitHealthyAsync(HttpClient api)
    {
        for (var i = 0; i < 300; i++)
        {
            try { if ((await api.GetAsync("/health")).IsSuccessStatusCode) return; } catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("bh up did not become healthy in 30 s");
    }

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
            await WaitHealthyAsync(apiClient);
            foreach (var (request, _) in traces)
            {
                var content = new ByteArrayContent(request.ToByteArray());
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
                Assert.Equal(HttpStatusCode.OK, (await otlp.PostAsync("/v1/traces", content)).StatusCode);
            }
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        using var second = Start(dataDir, api, grpc, http, "00:00:00.300");
        try
        {
            await WaitHealthyAsync(apiClient);
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
            second.Kill(entireProcessTree: true);
        }
    }
}
