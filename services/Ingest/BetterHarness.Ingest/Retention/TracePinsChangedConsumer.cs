using BetterHarness.Contracts;
using MassTransit;

namespace BetterHarness.Ingest.Retention;

/// <summary>Records which traces a candidate or case pins, so retention keeps them. Malformed ids are skipped.</summary>
public sealed class TracePinsChangedConsumer(TracePinStore pins) : IConsumer<TracePinsChanged>
{
    public Task Consume(ConsumeContext<TracePinsChanged> context)
    {
        var m = context.Message;
        var valid = (m.TraceIds ?? []).Where(id => id is { Length: 32 } && id.All(char.IsAsciiHexDigit)).ToList();
        if (valid.Count > 0 && !string.IsNullOrEmpty(m.Holder)) pins.Apply(m with { TraceIds = valid });
        return Task.CompletedTask;
    }
}

public sealed class TracePinsChangedConsumerDefinition : ConsumerDefinition<TracePinsChangedConsumer>
{
    public TracePinsChangedConsumerDefinition() => EndpointName = "ingest-trace-pins-changed";

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<TracePinsChangedConsumer> consumer, IRegistrationContext context) =>
        endpoint.UseMessageRetry(r => r.Intervals(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)));
}
