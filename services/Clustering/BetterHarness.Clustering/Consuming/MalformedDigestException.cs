namespace BetterHarness.Clustering.Consuming;

/// <summary>
/// A digest the clustering service cannot use (bad trace id, missing lists). Permanent: retrying cannot fix
/// it, so the consumer definition does not retry it and MassTransit moves the message to the error queue
/// with this message as the fault reason.
/// </summary>
public sealed class MalformedDigestException(string message) : Exception(message);
