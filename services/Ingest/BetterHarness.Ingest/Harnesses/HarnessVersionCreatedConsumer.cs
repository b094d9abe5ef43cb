using BetterHarness.Contracts;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace BetterHarness.Ingest.Harnesses;

/// <summary>
/// Learns a harness version the optimizer stored, for attributing traces to it, and decides again the agent's traces that
/// content did not settle exactly: exact matches by fingerprint, then near-matches (<see cref="HarnessClaims"/>). Idempotent.
/// </summary>
public sealed class HarnessVersionCreatedConsumer(HarnessCatalog catalog, HarnessClaims claims, ILogger<HarnessVersionCreatedConsumer> logger)
    : IConsumer<HarnessVersionCreated>
{
    public Task Consume(ConsumeContext<HarnessVersionCreated> context)
    {
        var m = context.Message;
        if (catalog.Learn(m) is var claimed and > 0)
            logger.LogInformation("Harness {Agent} v{Version}: {Count} earlier trace(s) carried exactly its content", m.Agent, m.Version, claimed);
        if (claims.Claim(m.Agent) is var decided and > 0)
            logger.LogInformation("Harness {Agent} v{Version}: {Count} earlier trace(s) re-attributed by near-match", m.Agent, m.Version, decided);
        return Task.CompletedTask;
    }
}

public sealed class HarnessVersionCreatedConsumerDefinition : ConsumerDefinition<HarnessVersionCreatedConsumer>
{
    public HarnessVersionCreatedConsumerDefinition() => EndpointName = "ingest-harness-version-created";
}
