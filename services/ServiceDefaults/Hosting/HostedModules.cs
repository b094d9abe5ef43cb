namespace BetterHarness.ServiceDefaults.Hosting;

/// <summary>
/// The names of the service modules this process hosts (all of them under <c>bh up</c>, one under <c>bh run NAME</c>),
/// so a module can tell whether a peer service is reachable in-process or only over the network.
/// </summary>
public sealed record HostedModules(IReadOnlySet<string> Names)
{
    public bool Contains(string name) => Names.Contains(name);
}
