using BetterHarness.Host;
using BetterHarness.ServiceDefaults.Hosting;
using BetterHarness.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace BetterHarness.Integration.Tests;

/// <summary>With RabbitMqQueueType=quorum every service declares its queues as quorum queues (replicated, durable).</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class QuorumQueueTests(RabbitMqBroker broker)
{
    /// <summary>One consumer queue of each service that has consumers (the queue names every deployment has).</summary>
    private static readonly string[] ServiceQueues =
    [
        "clustering-traces-flagged", "mining-traces-flagged", "curation-eval-candidate-proposed",
        "optimizer-run-eval-suite", "optimizer-run-optimization", "ingest-harness-version-created",
    ];

    [Fact]
    public async Task Every_service_declares_its_queues_as_quorum_queues()
    {
        var prefix = "q" + Guid.NewGuid().ToString("N")[..8];
        var hosts = new List<WebApplication>();
        try
        {
            foreach (var module in ServiceCatalog.All().Where(m => m.Name != "web"))
            {
                var app = ServiceHost.Build([], [module], c => c.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["BetterHarness:DataDir"] = Path.Combine(Path.GetTempPath(), "bh-quorum-" + Guid.NewGuid().ToString("N")),
                    ["BetterHarness:Transport"] = "rabbitmq",
                    ["BetterHarness:RabbitMq"] = broker.Uri,
                    ["BetterHarness:QueuePrefix"] = prefix,
                    ["BetterHarness:RabbitMqQueueType"] = "quorum",
                    ["BetterHarness:ApiEndpoint"] = $"127.0.0.1:{IngestHost.FreePort()}",
                    ["BetterHarness:Ingest:OtlpGrpcEndpoint"] = $"127.0.0.1:{IngestHost.FreePort()}",
                    ["BetterHarness:Ingest:OtlpHttpEndpoint"] = $"127.0.0.1:{IngestHost.FreePort()}",
                    ["Logging:LogLevel:Default"] = "Critical",
                }));
                await app.StartAsync(); // waits until the bus is connected and its queues are declared
                hosts.Add(app);
            }

            var factory = new ConnectionFactory { Uri = new Uri(broker.Uri) };
            await using var connection = await factory.CreateConnectionAsync();
            foreach (var queue in ServiceQueues.Select(q => $"{prefix}-{q}"))
                Assert.Equal("quorum", await QueueTypeAsync(connection, queue));
        }
        finally
        {
            foreach (var app in hosts)
            {
                try { await app.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token); } catch (Exception) { }
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The queue's type as the broker states it: a declaration asking for a classic queue is refused with "inequivalent
    /// arg 'x-queue-type' … current is 'TYPE'" unless the queue is classic (AMQP alone: no management plugin needed).
    /// </summary>
    private static async Task<string> QueueTypeAsync(IConnection connection, string queue)
    {
        await using (var passive = await connection.CreateChannelAsync())
            await passive.QueueDeclarePassiveAsync(queue); // throws when the queue was never declared
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-queue-type"] = "classic" });
            return "classic";
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyText is { } text && text.Contains("x-queue-type", StringComparison.Ordinal))
        {
            var current = text[(text.LastIndexOf("current is '", StringComparison.Ordinal) + 12)..].TrimEnd('\'');
            return current;
        }
    }
}
