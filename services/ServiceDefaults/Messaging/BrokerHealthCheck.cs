using BetterHarness.ServiceDefaults.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace BetterHarness.ServiceDefaults.Messaging;

/// <summary>
/// Readiness: can this process reach its message broker right now? Every service needs it to do its job (ingest
/// to hand flagged traces on, the workers to receive them), and MassTransit's own check cannot tell for a process
/// that only publishes. Opens (and closes) an AMQP connection, at most once per <see cref="CacheFor"/>, so frequent
/// probes cost the broker nothing. On the in-memory transport there is no broker and the check is always healthy.
/// </summary>
public sealed class BrokerHealthCheck(IOptions<HostingOptions> options, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, HealthCheckResult Result)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.UsesRabbitMq) return HealthCheckResult.Healthy("in-memory transport");
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } last && time.GetUtcNow() - last.At < CacheFor) return last.Result;
            var result = await ConnectAsync(cancellationToken);
            _last = (time.GetUtcNow(), result);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<HealthCheckResult> ConnectAsync(CancellationToken ct)
    {
        var uri = new Uri(options.Value.RabbitMq);
        var factory = new ConnectionFactory
        {
            Uri = uri,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(2),
            AutomaticRecoveryEnabled = false,
            ClientProvidedName = "betterharness-health",
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync(ct);
            await connection.CloseAsync(ct);
            return HealthCheckResult.Healthy($"broker {uri.Host}:{uri.Port} reachable");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"broker {uri.Host}:{uri.Port} unreachable: {ex.GetBaseException().Message}");
        }
    }
}
