using System.Net.Http.Json;
using System.Threading.Channels;
using BetterHarness.Contracts;
using BetterHarness.ServiceDefaults.Messaging.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Optimizer.Rollouts;

/// <summary>
/// The harness store's outbox; once a rollback (<see cref="HarnessRolloutEnded"/> with state rolled_back) is published on
/// the bus it is also handed to <see cref="RolloutWebhook"/> — stored first, so a crash before delivery re-publishes it.
/// </summary>
public sealed class RolloutAlertOutbox(MessageOutbox inner, RolloutWebhook webhook) : IOutbox
{
    public string Name => inner.Name;
    public OutboxSignal Signal => inner.Signal;
    public IReadOnlyList<OutboxEntry> Pending(int limit) => inner.Pending(limit);
    public void MarkSent(IEnumerable<long> ids, long nowMs) => inner.MarkSent(ids, nowMs);
    public int Redrive(long windowMs) => inner.Redrive(windowMs);
    public long PendingCount() => inner.PendingCount();

    public void Sent(IReadOnlyList<OutboxEntry> sent)
    {
        foreach (var entry in sent)
            if (entry.Message is HarnessRolloutEnded { State: Rollout.RolledBack } ended) webhook.Enqueue(ended);
    }
}

/// <summary>
/// Posts each rollback to <see cref="RolloutOptions.WebhookUrl"/> as <c>{"type": "HarnessRolloutEnded", "alert": {…}}</c>,
/// retrying with exponential backoff, on its own loop (a slow webhook never holds up the monitor).
/// </summary>
public sealed class RolloutWebhook(IOptions<RolloutOptions> options, ILogger<RolloutWebhook> logger) : BackgroundService
{
    private readonly Channel<HarnessRolloutEnded> _queue = Channel.CreateBounded<HarnessRolloutEnded>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Enqueue(HarnessRolloutEnded alert) => _queue.Writer.TryWrite(alert);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var alert in _queue.Reader.ReadAllAsync(stoppingToken))
                if (options.Value.WebhookUrl is { Length: > 0 } url) await DeliverAsync(new Uri(url), alert, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private async Task DeliverAsync(Uri url, HarnessRolloutEnded alert, CancellationToken ct)
    {
        var delay = TimeSpan.FromSeconds(1);
        for (var attempt = 1; attempt <= options.Value.WebhookMaxAttempts; attempt++)
        {
            try
            {
                using var response = await _http.PostAsJsonAsync(url, new { type = nameof(HarnessRolloutEnded), alert }, ct);
                if (response.IsSuccessStatusCode) return;
                logger.LogWarning("Rollout webhook {Url} answered {Status} (attempt {Attempt})", url, (int)response.StatusCode, attempt);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning("Rollout webhook {Url} failed (attempt {Attempt}): {Error}", url, attempt, ex.Message);
            }
            if (attempt < options.Value.WebhookMaxAttempts) await Task.Delay(delay, ct);
            delay *= 2;
        }
        logger.LogError("Rollout webhook {Url}: gave up on the rollback of {Rollout} after {Attempts} attempts", url, alert.RolloutId, options.Value.WebhookMaxAttempts);
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
