using BetterHarness.Optimizer.Harnesses.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Optimizer.Harnesses;

/// <summary>
/// At start-up, announces harness versions stored before versions were announced (an upgrade), so ingest can
/// attribute traces to them. New versions are announced in the transaction that creates them.
/// </summary>
public sealed class HarnessAnnouncer(HarnessStore store, ILogger<HarnessAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (store.AnnouncePending() is var n and > 0) logger.LogInformation("Announced {Count} earlier harness version(s) to ingest", n);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
