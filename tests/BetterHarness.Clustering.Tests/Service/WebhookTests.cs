using System.Net;
using BetterHarness.Clustering.Alerts;
using BetterHarness.Contracts;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BetterHarness.Clustering.Tests.Service;

public sealed class WebhookTests
{
    [Fact]
    public async Task Failing_webhook_is_retried_and_does_not_block_clustering()
    {
        using var listener = new HttpListener();
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var hits = 0;
        var release = new TaskCompletionSource();
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                var context = await listener.GetContextAsync();
                Interlocked.Increment(ref hits);
                await release.Task; // hangs until the test has seen clustering carry on, then fails
                context.Response.StatusCode = 500;
                context.Response.Close();
            }
        });
        await using var host = await ClusteringTestHost.StartAsync(new()
        {
            ["BetterHarness:Clustering:WebhookUrl"] = $"http://127.0.0.1:{port}/alerts",
            ["BetterHarness:Clustering:WebhookMaxAttempts"] = "3",
        });
        await host.SendAsync([.. Enumerable.Range(0, 8).Select(i => Digests.Failure($"payment gateway timed out after {i} s"))]);

        await host.Engine.ReclusterAsync(null, dryRun: false, default);
        var late = Digests.Failure("payment gateway timed out after 77 s");
        await host.SendAsync(late);

        // The webhook is still hanging on its first attempt, yet the alert is on the bus and online assignment went on.
        Assert.True(await host.Harness.Published.Any<FailureClusterEmerged>());
        Assert.NotNull(host.Services.GetRequiredService<Storage.FailureStore>().Find(late.TraceId)!.Value.ClusterId);
        release.SetResult();
        var sender = host.Services.GetServices<IHostedService>().OfType<WebhookSender>().Single();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (sender.Dropped == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(1, sender.Dropped);
        Assert.Equal(3, hits);
        listener.Stop();
    }

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
