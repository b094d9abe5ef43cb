using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BetterHarness.Integration.Tests;

/// <summary>
/// A separate host with its own bus on the broker that waits for the first <typeparamref name="T"/>
/// matching a predicate: the "consumer in another host" side of the distributed tests.
/// </summary>
public sealed class MessageSink<T> : IAsyncDisposable where T : class
{
    private readonly IHost _host;
    private readonly Matcher _matcher;

    private MessageSink(IHost host, Matcher matcher)
    {
        _host = host;
        _matcher = matcher;
    }

    public static async Task<MessageSink<T>> StartAsync(string brokerUri, Func<T, bool> match)
    {
        var matcher = new Matcher(match);
        var host = Microsoft.Extensions.Hosting.Host.CreateDefaultBuilder().ConfigureServices(services =>
        {
            services.AddSingleton(matcher);
            // The sink's queue must be bound before anything is published.
            services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
            services.AddMassTransit(x =>
            {
                x.AddConsumer<SinkConsumer>();
                x.UsingRabbitMq((ctx, cfg) =>
                {
                    cfg.Host(new Uri(brokerUri));
                    cfg.ReceiveEndpoint("it-sink-" + Guid.NewGuid().ToString("N"), e =>
                    {
                        e.AutoDelete = true;
                        e.Durable = false;
                        e.ConfigureConsumer<SinkConsumer>(ctx);
                    });
                });
            });
        }).Build();
        await host.StartAsync();
        return new MessageSink<T>(host, matcher);
    }

    public Task<T> Received(TimeSpan timeout) => _matcher.Received.Task.WaitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private sealed class Matcher(Func<T, bool> match)
    {
        public TaskCompletionSource<T> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Offer(T message)
        {
            if (match(message)) Received.TrySetResult(message);
        }
    }

    private sealed class SinkConsumer(Matcher matcher) : IConsumer<T>
    {
        public Task Consume(ConsumeContext<T> context)
        {
            matcher.Offer(context.Message);
            return Task.CompletedTask;
        }
    }
}
