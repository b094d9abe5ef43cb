using Testcontainers.RabbitMq;

namespace BetterHarness.Integration.Tests;

/// <summary>
/// A real RabbitMQ for the suite: the broker named by BH_TEST_RABBITMQ (tests/run.sh installs and starts
/// one on loopback when no Docker engine exists), otherwise a Testcontainers broker.
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime
{
    private RabbitMqContainer? _container;

    public string Uri { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("BH_TEST_RABBITMQ");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Uri = configured;
            return;
        }
        try
        {
            _container = new RabbitMqBuilder("rabbitmq:3.13-alpine").Build();
            await _container.StartAsync();
            Uri = _container.GetConnectionString();
        }
        catch (Exception ex) when (ex.GetType().Name.Contains("DockerUnavailable"))
        {
            throw new InvalidOperationException(
                "No RabbitMQ for the integration tests: set BH_TEST_RABBITMQ=amqp://guest:guest@127.0.0.1:5672/ " +
                "(bash tests/run.sh does this) or run a Docker engine.", ex);
        }
    }

    public async Task DisposeAsync()
    {
        if (_container is not null) await _container.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "rabbitmq";
}
