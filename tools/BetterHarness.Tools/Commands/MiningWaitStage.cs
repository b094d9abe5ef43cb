using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BetterHarness.Tools.Load.Replay;

namespace BetterHarness.Tools.Commands;

/// <summary>
/// <c>bh replay --wait</c>'s mining stage: a trace is done when it carries no signal (never sent to mining) or when
/// mining has mined its current revision (<c>GET /api/mining/traces/{id}</c>), whether or not that made a candidate.
/// Trace states come from the ingest API (<paramref name="traces"/>), mining's from <paramref name="mining"/>.
/// </summary>
public sealed class MiningWaitStage(ClustersApi traces, ClustersApi mining) : IReplayWaitStage
{
    private readonly ConcurrentDictionary<string, bool> _done = new(StringComparer.Ordinal);

    public string Description => "flagged traces mined";

    public async Task<string?> SkipReasonAsync(CancellationToken ct) =>
        await mining.GetJsonAsync("api/candidates?limit=1", ct) is not null
            ? null
            : $"{mining.BaseAddress} does not serve the mining API (distributed mode?); pass --mining-api with the mining service's API address";

    public async Task<WaitProgress> PollAsync(IReadOnlyList<string> traceIds, CancellationToken ct)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct };
        await Parallel.ForEachAsync(traceIds.Where(id => !_done.ContainsKey(id)), options, async (id, token) =>
        {
            if (await IsDoneAsync(id, token)) _done.TryAdd(id, true);
        });
        var pending = traceIds.Where(id => !_done.ContainsKey(id)).Take(5).ToArray();
        return new WaitProgress(_done.Count, traceIds.Count, pending);
    }

    private async Task<bool> IsDoneAsync(string traceId, CancellationToken ct)
    {
        var trace = await traces.TraceAsync(traceId, ct);
        if (trace is null || (string?)trace["state"] != "completed") return false;
        if (trace["signals"] is not JsonArray { Count: > 0 }) return true;
        return await mining.GetJsonAsync($"api/mining/traces/{traceId}", ct) is JsonObject mined
               && ((int?)mined["revision"] ?? 0) >= ((int?)trace["revision"] ?? 0);
    }
}
