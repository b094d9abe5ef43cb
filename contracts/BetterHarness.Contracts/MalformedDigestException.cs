namespace BetterHarness.Contracts;

/// <summary>
/// A <see cref="TraceDigest"/> a consumer cannot use (see <see cref="DigestValidator"/>). Permanent: retrying cannot
/// fix bad data, so consumer definitions ignore it in their retry policy and MassTransit moves the message to
/// the error queue with this message as the fault reason.
/// </summary>
/// <param name="message">What is wrong, naming the trace when it has an id.</param>
public sealed class MalformedDigestException(string message) : Exception(message);
