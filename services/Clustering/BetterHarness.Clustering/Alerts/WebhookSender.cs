using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BetterHarness.Clustering.Alerts;

/// <summary>
/// Posts each alert to <see cref="ClusteringOptions.WebhookUrl"/> as <c>{"type": "FailureClusterEmerged", "alert": {…}}</c>,
/// retrying failures (non-2xx, timeouts, refused connections) with exponential backoff, then giving up on that alert.
/// Runs on its own loop, off the clustering path.
/// </summary>
public sealed class WebhookSender(WebhookQueue queue, IOptions<ClusteringOptions> options, ILogger<WebhookSender> logger) : BackgroundService
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private long _delivered, _failedAttempts, _dropped;

    public long Delivered => Interlocked.Read(ref _delivered);
    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);
    public long Dropped => Interlocked.Read(ref _dropped);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var alert in queue.Reader.ReadAllAsync(stoppingToken))
                if (options.Value.WebhookUrl is { Length: > 0 } url) await DeliverAsync(new Uri(url), alert, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private async Task DeliverAsync(Uri url, object alert, CancellationToken ct)
    {
        var body = new { type = alert.GetType().Name, alert };
        var delay = options.Value.WebhookBackoff;
        for (var attempt = 1; attempt <= options.Value.WebhookMaxAttempts; attempt++)
        {
            try
            {
                using var response = await _http.PostAsJsonAsync(url, body, ct);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _delivered);
                    return;
                }
                logger.LogWarning("Alert webhook {Url} answered {Status} (attempt {Attempt})", url, (int)response.StatusCode, attempt);
            }
            // Any failure of one delivery is that alert's problem, never the host's (an unhandled exception in a
            // BackgroundService stops the whole process).
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning("Alert webhook {Url} failed (attempt {Attempt}): {Error}", url, attempt, ex.Message);
            }
            Interlocked.Increment(ref _failedAttempts);
            if (attempt < options.Value.WebhookMaxAttempts) await Task.Delay(delay, ct);
            delay *= 2;
        }
        Interlocked.Increment(ref _dropped);
        logger.LogError("Alert webhook {Url}: gave up on a {Type} after {Attempts} attempts", url, alert.GetType().Name, options.Value.WebhookMaxAttempts);
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
