using BetterHarness.Clustering.Engine;
using BetterHarness.Contracts;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Clustering.Alerts;

/// <summary>Publishes what the engine stored: assignments as <see cref="TracesClustered"/> batches, alerts on the bus and to the webhook queue.</summary>
public sealed class AlertDispatcher(WebhookQueue webhook, ILogger<AlertDispatcher> logger)
{
    private const int AssignmentsPerMessage = 1000;

    public async Task PublishAsync(IPublishEndpoint bus, EngineResult result, string reason, CancellationToken ct)
    {
        foreach (var chunk in result.Assignments.Chunk(AssignmentsPerMessage))
            await bus.Publish(new TracesClustered { BatchId = NewId.NextGuid(), Reason = reason, Assignments = chunk }, ct);
        foreach (var alert in result.Alerts)
        {
            await bus.Publish(alert, alert.GetType(), ct);
            webhook.Enqueue(alert);
        }
    }

    /// <summary>For callers that must not wait for (or fail with) the bus: publishes in the background, logs a failure.</summary>
    public void PublishInBackground(IPublishEndpoint bus, EngineResult result, string reason) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await PublishAsync(bus, result, reason, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Publishing {Count} assignments and {Alerts} alerts after a {Reason} failed",
                    result.Assignments.Count, result.Alerts.Count, reason);
            }
        });
}
