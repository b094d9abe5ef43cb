namespace BetterHarness.Contracts;

/// <summary>A failed trace and the cluster it belongs to.</summary>
/// <param name="TraceId">Lowercase hex, 32 characters.</param>
/// <param name="ClusterId">Stable cluster id (<c>GET /api/clusters/{ClusterId}</c>).</param>
/// <param name="Revision">The trace revision that was clustered.</param>
public sealed record TraceClusterAssignment(string TraceId, string ClusterId, int Revision);
