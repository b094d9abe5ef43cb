using System.Collections.Concurrent;
using BetterHarness.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace BetterHarness.Optimizer.Tests.Optimization.Service;

/// <summary>Collects the optimizer's facts from the bus, as another service would receive them.</summary>
public sealed class Probe
{
    public ConcurrentQueue<object> Messages { get; } = new();

    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (Messages.OfType<T>().FirstOrDefault(m => match?.Invoke(m) ?? true) is { } found) return found;
            await Task.Delay(25);
        }
        throw new TimeoutException($"no {typeof(T).Name} was published");
    }
}

/// <summary>Feeds the <see cref="Probe"/>.</summary>
public sealed class OptimizerProbeConsumer(Probe probe) : IConsumer<HarnessVersionApproved>, IConsumer<OptimizationFinished>, IConsumer<OptimizationProgressed>
{
    public Task Consume(ConsumeContext<HarnessVersionApproved> context) => Add(context.Message);
    public Task Consume(ConsumeContext<OptimizationFinished> context) => Add(context.Message);
    public Task Consume(ConsumeContext<OptimizationProgressed> context) => Add(context.Message);

    private Task Add(object message)
    {
        probe.Messages.Enqueue(message);
        return Task.CompletedTask;
    }
}

internal static class ProbeExtensions
{
    public static Probe Probe(this OptimizerHost host) => host.Services.GetRequiredService<Probe>();
}
