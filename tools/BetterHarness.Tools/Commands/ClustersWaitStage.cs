using System.Collections.Concurrent;
using BetterHarness.Tools.Load.Replay;

namespace BetterHarness.Tools.Commands;

/// <summary>
/// <c>bh replay --wait</c>'s clustering stage: a trace is done when it carries no signal (never sent to
/// clustering) or when clustering holds its current revision with a cluster. Once every flagged trace has
/// arrived but some are unassigned (not close to any cluster yet), it asks for one re-clustering instead of
/// waiting for the periodic one. Trace states come from the ingest API (<paramref name="traces"/>), assignments from
/// the clustering API (<paramref name="api"/>), which differ in distributed mode.
/// </summary>
public sealed class ClustersWaitStage(ClustersApi traces, ClustersApi api) : IReplayWaitStage
{
    private readonly ConcurrentDictionary<string, bool> _done = new(StringComparer.Ordinal);
    private static readonly TimeSpan ReclusterAgain = TimeSpan.FromSeconds(15);
    private DateTime _lastRecluster = DateTime.MinValue;

    public string Description => "failed traces clustered";

    public async Task<string?> SkipReasonAsync(CancellationToken ct) => await api.ServesClustersAsync(ct)
        ? null
        : $"{api.BaseAddress} does not serve the clustering API (distributed mode?); pass --clustering-api with the clustering service's API address";

    public async Task<WaitProgress> PollAsync(IReadOnlyList<string> traceIds, CancellationToken ct)
    {
        var waiting = new ConcurrentBag<bool>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct };
        await Parallel.ForEachAsync(traceIds.Where(id => !_done.ContainsKey(id)), options, async (id, token) =>
        {
            var state = await StateAsync(id, token);
            if (state == State.Done) _done.TryAdd(id, true);
            else if (state == State.Unassigned) waiting.Add(true);
        });
        var pending = traceIds.Where(id => !_done.ContainsKey(id)).ToList();
        if (pending.Count > 0 && waiting.Count == pending.Count && DateTime.UtcNow - _lastRecluster > ReclusterAgain)
        {
            await api.ReclusterAsync(null, dryRun: false, ct);
            _lastRecluster = DateTime.UtcNow;
        }
        return new WaitProgress(_done.Count, traceIds.Count, [.. pending.Take(5)]);
    }

    private enum State { Pending, Unassigned, Done }

    private async Task<State> StateAsync(string traceId, CancellationToken ct)
    {
        var trace = await traces.TraceAsync(traceId, ct);
        if (trace is null || (string?)trace["state"] != "completed") return State.Pending;
        if (trace["signals"] is not System.Text.Json.Nodes.JsonArray { Count: > 0 }) return State.Done;
        var assignment = await api.AssignmentAsync(traceId, ct);
        if (assignment is not { } a || a.Revision < ((int?)trace["revision"] ?? 0)) return State.Pending;
        return a.ClusterId is null ? State.Unassigned : State.Done;
    }
}
